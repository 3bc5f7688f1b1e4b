package io.wxlogin.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeChatIdentityTest {

  @Test
  void appIdHasNoDefault() {
    Env env = new Env(Map.of());
    WeChatIdentity.appId(env);
    ConfigException e = assertThrows(ConfigException.class, env::check);
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).startsWith("WECHAT_APP_ID is not set: "), e.getMessage());
  }

  @Test
  void appIdIsCheckedAndReturnedTrimmed() {
    Env good = new Env(Map.of("WECHAT_APP_ID", " wxba5fad812f8e6fb9 "));
    assertEquals("wxba5fad812f8e6fb9", WeChatIdentity.appId(good));
    assertDoesNotThrow(good::check);

    Env bad = new Env(Map.of("WECHAT_APP_ID", "wx ba5f"));
    WeChatIdentity.appId(bad);
    ConfigException e = assertThrows(ConfigException.class, bad::check);
    assertEquals(List.of("WECHAT_APP_ID is invalid: an appid is 1-64 letters, digits, '_' or '-'"), e.problems());
  }

  @Test
  void apiBaseDefaultsToWeChatAndLosesTrailingSlashes() {
    assertEquals("https://api.weixin.qq.com", WeChatIdentity.apiBase(new Env(Map.of())));
    assertEquals("http://127.0.0.1:8090",
        WeChatIdentity.apiBase(new Env(Map.of("WECHAT_API_BASE", "http://127.0.0.1:8090//"))));
  }

  @Test
  void apiBaseMustBeHttp() {
    Env env = new Env(Map.of("WECHAT_API_BASE", "ftp://api.weixin.qq.com"));
    WeChatIdentity.apiBase(env);
    ConfigException e = assertThrows(ConfigException.class, env::check);
    assertTrue(e.problems().get(0).startsWith("WECHAT_API_BASE is invalid: "), e.getMessage());
  }

  @Test
  void tokenAndAesKeyPatternsFollowTheWeChatConsoleRules() {
    assertTrue(WeChatIdentity.TOKEN.matcher("AAAAA").matches());
    assertTrue(WeChatIdentity.TOKEN.matcher("pamtest").matches());
    assertFalse(WeChatIdentity.TOKEN.matcher("ab").matches());
    assertFalse(WeChatIdentity.TOKEN.matcher("a".repeat(33)).matches());
    assertFalse(WeChatIdentity.TOKEN.matcher("has space").matches());
    assertTrue(WeChatIdentity.AES_KEY.matcher("kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR").matches());
    assertTrue(WeChatIdentity.AES_KEY.matcher("A".repeat(43)).matches());
    assertFalse(WeChatIdentity.AES_KEY.matcher("A".repeat(42)).matches());
    assertFalse(WeChatIdentity.AES_KEY.matcher("A".repeat(42) + "=").matches());
  }
}
