package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.config.ConfigException;
import io.wxlogin.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenServerConfigTest {

  @Test
  void defaultsNeedOnlyTheWeChatIdentity() {
    TokenServerConfig c = TokenServerConfig.from(new Env(Map.of("WECHAT_APP_ID", "wxapp", "WECHAT_APP_SECRET", "s3cret")));
    assertEquals(8081, c.httpPort());
    assertEquals(TokenApi.STABLE, c.tokenApi());
    assertEquals(Duration.ofSeconds(300), c.timings().refreshAhead());
    assertEquals(Duration.ofSeconds(15), c.timings().leaseTime());
    assertEquals(Duration.ofSeconds(5), c.timings().apiTimeout());
    assertEquals(Duration.ofSeconds(60), c.timings().slowRetry());
    assertEquals("https://api.weixin.qq.com", c.apiBase());
    assertEquals("wxlogin:", c.redis().keyPrefix());
    assertTrue(c.serverId().matches("[A-Za-z0-9_.:-]+-[0-9a-f]{6}"), c.serverId());
  }

  @Test
  void twoReplicasOnOneHostGetDifferentIds() {
    Map<String, String> env = Map.of("WECHAT_APP_ID", "wxapp", "WECHAT_APP_SECRET", "s3cret");
    assertFalse(TokenServerConfig.from(new Env(env)).serverId().equals(TokenServerConfig.from(new Env(env)).serverId()));
  }

  @Test
  void everyBadVariableIsNamedOnItsOwnLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> TokenServerConfig.from(new Env(Map.of(
        "HTTP_PORT", "eighty", "TOKEN_API", "fast", "TOKEN_LEASE_SECONDS", "1", "WECHAT_API_BASE", "ftp://x",
        "TOKEN_REFRESH_AHEAD_SECONDS", "-5", "TOKEN_CONFIG_RETRY_SECONDS", "0"))));
    List<String> lines = e.problems();
    for (String variable : List.of("HTTP_PORT", "TOKEN_API", "TOKEN_LEASE_SECONDS", "WECHAT_API_BASE",
        "TOKEN_REFRESH_AHEAD_SECONDS", "TOKEN_CONFIG_RETRY_SECONDS", "WECHAT_APP_ID", "WECHAT_APP_SECRET")) {
      assertEquals(1, lines.stream().filter(l -> l.startsWith(variable + " ")).count(), variable + " in " + lines);
    }
    assertEquals(8, lines.size(), lines.toString());
  }

  @Test
  void theSecretNeverAppearsInTheConfigurationsDescription() {
    TokenServerConfig c = TokenServerConfig.from(new Env(Map.of("WECHAT_APP_ID", "wxapp",
        "WECHAT_APP_SECRET", "very-secret-value", "TOKEN_API", "classic", "TOKEN_SERVER_ID", "ts-1")));
    assertFalse(c.toString().contains("very-secret-value"), c.toString());
    assertEquals(TokenApi.CLASSIC, c.tokenApi());
    assertEquals("ts-1", c.serverId());
  }
}
