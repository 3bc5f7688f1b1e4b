package io.wxlogin.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.config.ConfigException;
import io.wxlogin.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

  @Test
  void noEnvironmentAtAllGivesTheDemoDefaults() {
    SandboxConfig config = SandboxConfig.from(new Env(Map.of()));

    assertEquals(SandboxConfig.defaults(), config);
    assertEquals(8090, config.httpPort());
    assertEquals("gh_sandbox000001", config.originalId());
    assertEquals("http://127.0.0.1:8080/wechat/callback", config.callbackUrl());
    assertFalse(config.encrypted());
  }

  @Test
  void everyVariableIsRead() {
    SandboxConfig config = SandboxConfig.from(new Env(Map.ofEntries(
        Map.entry("HTTP_PORT", "9999"), Map.entry("SANDBOX_APP_ID", "wx1234"),
        Map.entry("SANDBOX_APP_SECRET", "s3cret"), Map.entry("SANDBOX_TOKEN", "tok123"),
        Map.entry("SANDBOX_AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"),
        Map.entry("SANDBOX_ENCRYPT_MODE", "compat"), Map.entry("SANDBOX_ORIGINAL_ID", "gh_abc"),
        Map.entry("SANDBOX_CALLBACK_URL", "http://node:8080/cb"), Map.entry("SANDBOX_TOKEN_TTL_SECONDS", "600"),
        Map.entry("SANDBOX_TOKEN_OVERLAP_SECONDS", "60"), Map.entry("SANDBOX_TOKEN_DAILY_QUOTA", "200"),
        Map.entry("SANDBOX_QR_DAILY_QUOTA", "10000"), Map.entry("SANDBOX_CALLBACK_TIMEOUT_MS", "1000"),
        Map.entry("SANDBOX_CALLBACK_RETRIES", "0"))));

    assertEquals(new SandboxConfig(9999, "wx1234", "s3cret", "tok123", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "compat", "gh_abc", "http://node:8080/cb", 600, 60, 200, 10000, 1000, 0), config);
  }

  @Test
  void shortTtlAloneShortensTheDefaultOverlapInsteadOfFailing() {
    SandboxConfig config = SandboxConfig.from(new Env(Map.of("SANDBOX_TOKEN_TTL_SECONDS", "120")));

    assertEquals(60, config.tokenOverlapSeconds());
  }

  @Test
  void eachBadVariableIsOneLineNamingIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> SandboxConfig.from(new Env(Map.of(
        "HTTP_PORT", "eighty", "SANDBOX_TOKEN", "x", "SANDBOX_AES_KEY", "short",
        "SANDBOX_CALLBACK_URL", "ftp://x", "SANDBOX_TOKEN_TTL_SECONDS", "100",
        "SANDBOX_TOKEN_OVERLAP_SECONDS", "100"))));

    assertEquals(5, e.problems().size(), String.join("\n", e.problems()));
    for (String variable : new String[] {"HTTP_PORT", "SANDBOX_TOKEN ", "SANDBOX_AES_KEY", "SANDBOX_CALLBACK_URL",
        "SANDBOX_TOKEN_OVERLAP_SECONDS"}) {
      assertTrue(e.problems().stream().anyMatch(line -> line.startsWith(variable)), variable + " is named");
    }
  }

  @Test
  void encryptModeWithoutAKeyIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SandboxConfig.from(new Env(Map.of("SANDBOX_ENCRYPT_MODE", "safe"))));

    assertTrue(e.problems().get(0).contains("SANDBOX_AES_KEY is not set"));
  }

  @Test
  void toStringNeverShowsTheSecretTheTokenOrTheKey() {
    String key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    SandboxConfig config = SandboxConfig.builder().aesKey(key).build();

    String shown = config.toString();

    assertFalse(shown.contains(config.appSecret()), shown);
    assertFalse(shown.contains(config.token()), shown);
    assertFalse(shown.contains(key), shown);
    assertTrue(shown.contains(config.appId()) && shown.contains("callbackUrl=" + config.callbackUrl()), shown);
  }

  @Test
  void builderChangesOnlyWhatItIsToldAndStillChecks() {
    SandboxConfig changed = SandboxConfig.defaults().toBuilder().httpPort(0).callbackRetries(0).build();

    assertEquals(0, changed.httpPort());
    assertEquals(0, changed.callbackRetries());
    assertEquals(SandboxConfig.defaults().toBuilder().httpPort(0).callbackRetries(0).build(), changed);
    assertEquals(SandboxConfig.defaults().appSecret(), changed.appSecret());
    assertEquals(SandboxConfig.defaults().callbackTimeoutMs(), changed.callbackTimeoutMs());
    assertThrows(IllegalArgumentException.class, () -> SandboxConfig.builder().encryptMode("loud").build());
    assertThrows(IllegalArgumentException.class, () -> SandboxConfig.builder().callbackTimeoutMs(0).build());
  }
}
