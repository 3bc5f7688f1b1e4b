package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page on a phone-sized screen: it fits, and says how to scan a code shown on the phone itself. */
class PhoneTest extends OnLoginSite {

  @BeforeAll
  static void start() {
    startSite(LoginSite.builder().nodes(1));
  }

  @Test
  void aPhoneBrowserIsToldToSaveTheCodeAndPickItFromTheAlbum() {
    String openid = Users.openid("Phone");
    try (Browser b = Browser.phone("zh-CN", Browser.IPHONE_UA)) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      assertTrue(page.hint().contains("保存到相册") && page.hint().contains("相册"), page.hint());
      assertFitsTheScreen(b);
      String code = page.qrContent();
      b.screenshot("phone-1-waiting-zh");

      cluster.scan(code, openid, null);
      assertEquals(Users.shown(openid), page.awaitLoggedIn());
      assertFitsTheScreen(b);
      b.screenshot("phone-2-logged-in-zh");
    }
  }

  @Test
  void insideWeChatTheHintIsToLongPressTheCode() {
    try (Browser b = Browser.phone("en-US", Browser.WECHAT_UA)) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      assertTrue(page.hint().startsWith("Inside WeChat: long-press the QR code"), page.hint());
      assertFitsTheScreen(b);
      page.qrContent();
      b.screenshot("phone-3-in-wechat-en");
    }
  }

  /** Nothing wider than the screen (no sideways scrolling) and the whole QR code inside it. */
  private static void assertFitsTheScreen(Browser b) {
    long viewport = (Long) b.js("return document.documentElement.clientWidth;");
    long content = (Long) b.js("return document.documentElement.scrollWidth;");
    assertEquals(viewport, content, "the page is no wider than the phone's screen");
    if (Boolean.TRUE.equals(b.js("return !!document.querySelector('.wxl-qr') && !document.getElementById('login').hidden;"))) {
      Boolean inside = (Boolean) b.js("var r = document.querySelector('.wxl-frame').getBoundingClientRect();"
          + " return r.left >= 0 && r.right <= document.documentElement.clientWidth;");
      assertTrue(inside, "the QR code is fully on screen");
    }
  }
}
