package io.wxlogin.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.config.ConfigException;
import io.wxlogin.config.Env;
import io.wxlogin.login.confirm.ConfirmMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginNodeConfigTest {

  @Test
  void noIdentityMeansOneLinePerMissingVariableAndNoDemoDefaults() {
    ConfigException e = assertThrows(ConfigException.class, () -> LoginNodeConfig.from(new Env(Map.of())));
    List<String> lines = e.problems();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("WECHAT_APP_ID is not set"), lines.get(0));
    assertTrue(lines.get(1).startsWith("WECHAT_TOKEN is not set"), lines.get(1));
  }

  @Test
  void everyBadValueIsNamedAndTheAppSecretIsNeverRead() {
    Map<String, String> env = Map.of("WECHAT_APP_ID", "wx1", "WECHAT_TOKEN", "x", "WECHAT_AES_KEY", "short",
        "SCENE_TTL_SECONDS", "soon", "REDIS_URL", "http://h", "WECHAT_APP_SECRET", "ignored");
    ConfigException e = assertThrows(ConfigException.class, () -> LoginNodeConfig.from(new Env(env)));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("WECHAT_TOKEN is invalid"), all);
    assertTrue(all.contains("WECHAT_AES_KEY is invalid"), all);
    assertTrue(all.contains("SCENE_TTL_SECONDS is 'soon'"), all);
    assertTrue(all.contains("REDIS_URL is 'http://h'"), all);
    assertTrue(!all.contains("WECHAT_APP_SECRET"), all);
  }

  @Test
  void loginConfirmIsAutoByDefaultAndReplyOnRequest() {
    Map<String, String> identity = Map.of("WECHAT_APP_ID", "wx1", "WECHAT_TOKEN", "abc");
    LoginNodeConfig defaults = LoginNodeConfig.from(new Env(identity));
    assertEquals(ConfirmMode.AUTO, defaults.confirm().mode());
    assertEquals(600, defaults.confirm().revokeWindowSeconds());
    assertEquals(null, defaults.confirm().siteName());

    LoginNodeConfig reply = LoginNodeConfig.from(new Env(Map.of("WECHAT_APP_ID", "wx1", "WECHAT_TOKEN", "abc",
        "LOGIN_CONFIRM", "reply", "LOGIN_REVOKE_WINDOW_SECONDS", "60", "SITE_NAME", "示例网站")));
    assertEquals(ConfirmMode.REPLY, reply.confirm().mode());
    assertEquals(60, reply.confirm().revokeWindowSeconds());
    assertEquals("示例网站", reply.confirm().siteName());

    ConfigException e = assertThrows(ConfigException.class, () -> LoginNodeConfig.from(new Env(Map.of(
        "WECHAT_APP_ID", "wx1", "WECHAT_TOKEN", "abc", "LOGIN_CONFIRM", "maybe", "SITE_NAME", "x".repeat(41)))));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).startsWith("LOGIN_CONFIRM"), e.problems().get(0));
  }

  @Test
  void defaultsFollowTheSpec() {
    LoginNodeConfig c = LoginNodeConfig.from(new Env(Map.of("WECHAT_APP_ID", "wx1", "WECHAT_TOKEN", "abc")));
    assertEquals(8080, c.node().httpPort());
    assertEquals(180, c.login().sceneTtlSeconds());
    assertEquals(30, c.login().pollWaitMaxSeconds());
    assertEquals(604800, c.login().sessionTtlSeconds());
    assertEquals("https://api.weixin.qq.com", c.wechat().apiBase());
    assertEquals("https://mp.weixin.qq.com/cgi-bin/showqrcode", c.wechat().qrImageBase());
    assertEquals("wxlogin:", c.redis().keyPrefix());
    assertTrue(c.nodeId().matches("[A-Za-z0-9_.-]+-[0-9a-f]{6}"), c.nodeId());
  }

  @Test
  void theDescriptionShowsNoSecret() {
    LoginNodeConfig c = LoginNodeConfig.from(new Env(Map.of("WECHAT_APP_ID", "wx1", "WECHAT_TOKEN", "tokenvalue42",
        "WECHAT_AES_KEY", AES_KEY, "WECHAT_AES_KEY_PREVIOUS", AES_KEY.replace('a', 'b'),
        "REDIS_URL", "redis://user:redispass99@127.0.0.1:6379")));
    String shown = c.toString();
    for (String secret : List.of("tokenvalue42", AES_KEY, AES_KEY.replace('a', 'b'), "redispass99")) {
      assertTrue(!shown.contains(secret), shown);
    }
    assertTrue(shown.contains("wx1"), shown);
    assertEquals("tokenvalue42", c.wechat().callbackToken().reveal());
  }

  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
}
