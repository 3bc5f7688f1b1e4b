package io.wxlogin.login.oidc;

import io.wxlogin.config.Env;
import io.wxlogin.oidc.KeySecret;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OpenID provider's settings. OIDC is on when {@code OIDC_ISSUER} is set; then {@code OIDC_CLIENTS} and
 * {@code OIDC_KEYS_SECRET} are required. Lifetimes are in seconds (docs/oidc.md). {@code toString} hides secrets.
 */
public record OidcConfig(String issuer, Map<String, OidcClient> clients, KeySecret keysSecret, int ssoTtl,
    int accessTokenTtl, int refreshTokenTtl, int idTokenTtl, int requestTtl, int codeTtl) {

  /** An issuer is a scheme, a host and an optional port: the endpoints live at fixed paths under it. */
  private static final Pattern ISSUER = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");

  /** The provider's settings, or null when {@code OIDC_ISSUER} is unset. Problems are added to {@code env}. */
  public static OidcConfig from(Env env) {
    String issuerRaw = env.string("OIDC_ISSUER", null);
    String issuer = issuerRaw == null ? null : issuerRaw.replaceAll("/+$", "");
    if (issuer != null && !ISSUER.matcher(issuer).matches()) {
      env.problem("OIDC_ISSUER is '" + Env.shown(issuerRaw) + "': must be the public base URL of the login nodes, "
          + "scheme://host[:port] with no path, query or fragment (e.g. https://login.example.com)");
    }
    int sso = env.integer("OIDC_SSO_TTL_SECONDS", 28_800, 60, 2_592_000);
    int access = env.integer("OIDC_ACCESS_TOKEN_TTL_SECONDS", 3_600, 60, 86_400);
    int refresh = env.integer("OIDC_REFRESH_TOKEN_TTL_SECONDS", 2_592_000, 300, 31_536_000);
    int idToken = env.integer("OIDC_ID_TOKEN_TTL_SECONDS", 3_600, 60, 86_400);
    int request = env.integer("OIDC_REQUEST_TTL_SECONDS", 600, 60, 3_600);
    if (issuer == null) {
      return null;
    }
    KeySecret secret = secret(env);
    Map<String, OidcClient> clients = clients(env);
    return new OidcConfig(issuer, clients, secret, sso, access, refresh, idToken, request, 60);
  }

  private static KeySecret secret(Env env) {
    String value = env.required("OIDC_KEYS_SECRET", "the secret that opens the signing keys in Redis; the same value "
        + "as on the token-server (required with OIDC_ISSUER)");
    if (value != null && value.length() < KeySecret.MIN_LENGTH) {
      env.problem("OIDC_KEYS_SECRET is too short: use at least " + KeySecret.MIN_LENGTH
          + " random characters, the same on the token-server and every login node");
      return null;
    }
    return value == null ? null : new KeySecret(value);
  }

  private static Map<String, OidcClient> clients(Env env) {
    String value = env.required("OIDC_CLIENTS", "a JSON array of the relying parties, or @<path> to a JSON file "
        + "(required with OIDC_ISSUER)");
    if (value == null) {
      return Map.of();
    }
    try {
      return OidcClients.parse(value);
    } catch (OidcClients.BadClientException e) {
      env.problem(e.getMessage());
      return Map.of();
    }
  }

  public boolean secureCookies() {
    return issuer.startsWith("https://");
  }

  public OidcClient client(String clientId) {
    return clientId == null ? null : clients.get(clientId);
  }

  @Override
  public String toString() {
    return "OidcConfig[issuer=" + issuer + ", clients=" + clients.keySet() + "]";
  }
}
