package io.wxlogin.login.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.config.ConfigException;
import io.wxlogin.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when OIDC_CLIENTS or the other OIDC variables are wrong: one line naming the culprit. */
class OidcConfigTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final String GOOD = "[{\"client_id\":\"shop\",\"client_secret\":\"s3cret-s3cret-s3cret\","
      + "\"redirect_uris\":[\"https://shop.example.com/cb\"],\"name\":\"Shop\"},"
      + "{\"client_id\":\"spa\",\"redirect_uris\":[\"http://127.0.0.1:3000/cb\"],\"name\":\"SPA\","
      + "\"post_logout_redirect_uris\":[\"http://127.0.0.1:3000/\"],\"id_token_signed_response_alg\":\"ES256\"}]";

  private static OidcConfig read(Map<String, String> vars) {
    Env env = new Env(vars);
    OidcConfig c = OidcConfig.from(env);
    env.check();
    return c;
  }

  private static List<String> problems(String clients) {
    Map<String, String> vars = new HashMap<>(Map.of("OIDC_ISSUER", "https://login.example.com",
        "OIDC_KEYS_SECRET", SECRET));
    vars.put("OIDC_CLIENTS", clients);
    return assertThrows(ConfigException.class, () -> read(vars)).problems();
  }

  @Test
  void oidcIsOffWithoutAnIssuer() {
    assertNull(read(Map.of()));
  }

  @Test
  void clientsAreReadInlineOrFromAFile(@TempDir Path dir) throws Exception {
    OidcConfig inline = read(Map.of("OIDC_ISSUER", "https://login.example.com/", "OIDC_KEYS_SECRET", SECRET,
        "OIDC_CLIENTS", GOOD));
    assertEquals("https://login.example.com", inline.issuer());
    assertTrue(inline.client("shop").confidential());
    assertFalse(inline.client("spa").confidential());
    assertEquals("ES256", inline.client("spa").idTokenAlg());
    assertEquals("RS256", inline.client("shop").idTokenAlg());
    assertTrue(inline.secureCookies());
    assertFalse(inline.client("shop").toString().contains("s3cret"));

    Path file = dir.resolve("clients.json");
    Files.writeString(file, GOOD);
    OidcConfig fromFile = read(Map.of("OIDC_ISSUER", "http://127.0.0.1:8080", "OIDC_KEYS_SECRET", SECRET,
        "OIDC_CLIENTS", "@" + file));
    assertEquals(2, fromFile.clients().size());
    assertFalse(fromFile.secureCookies());
  }

  @Test
  void aBadEntryIsOneLineNamingTheClientAndTheField() {
    assertEquals(List.of("OIDC_CLIENTS client 'shop': field redirect_uris must be a non-empty array of absolute URIs"),
        problems("[{\"client_id\":\"shop\",\"redirect_uris\":[],\"name\":\"Shop\"}]"));
    assertEquals(List.of("OIDC_CLIENTS client 'shop': field redirect_uris has 'https://x/cb#frag': each must be an "
        + "absolute URI without a #fragment"),
        problems("[{\"client_id\":\"shop\",\"redirect_uris\":[\"https://x/cb#frag\"],\"name\":\"Shop\"}]"));
    assertTrue(problems("[{\"client_id\":\"shop\",\"redirect_uri\":[\"https://x/cb\"],\"name\":\"Shop\"}]").get(0)
        .startsWith("OIDC_CLIENTS client 'shop': field redirect_uri is not a known client field"));
    assertTrue(problems("[{\"client_id\":\"a\",\"client_secret\":\"short\",\"redirect_uris\":[\"https://x/cb\"],"
        + "\"name\":\"A\"}]").get(0).startsWith("OIDC_CLIENTS client 'a': field client_secret must be at least 16"));
    assertTrue(problems("[{\"client_id\":\"a\",\"redirect_uris\":[\"https://x/cb\"]}]").get(0)
        .startsWith("OIDC_CLIENTS client 'a': field name must be"));
    assertTrue(problems(GOOD.replace("\"spa\"", "\"shop\"")).get(0).contains("client 'shop': field client_id is "
        + "registered twice"));
    assertTrue(problems("not json").get(0).startsWith("OIDC_CLIENTS is not a JSON array"));
    assertTrue(problems("@/nonexistent/clients.json").get(0).startsWith("OIDC_CLIENTS names the file"));
  }

  @Test
  void theKeysSecretAndClientsAreRequiredWithAnIssuer() {
    List<String> p = assertThrows(ConfigException.class, () -> read(Map.of("OIDC_ISSUER",
        "https://login.example.com/path"))).problems();
    assertEquals(3, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("OIDC_ISSUER is 'https://login.example.com/path'"));
    assertTrue(p.get(1).startsWith("OIDC_KEYS_SECRET is not set"));
    assertTrue(p.get(2).startsWith("OIDC_CLIENTS is not set"));
  }
}
