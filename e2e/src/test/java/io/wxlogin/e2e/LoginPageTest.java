package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** The login page at / in a desktop browser: scan, logged in, reload, log out, language. */
class LoginPageTest extends OnLoginSite {

  @BeforeAll
  static void start() {
    startSite(LoginSite.builder());
  }

  private static String page() {
    return site.url() + "/";
  }

  @Test
  void scanningTheCodeLogsTheBrowserInAsThatUserUntilItLogsOut() {
    String openid = Users.openid("Alice");
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(page());
      page.awaitState("waiting");
      assertEquals("微信扫码登录", page.title());
      assertEquals("请使用微信扫一扫登录", page.status());
      assertTrue(page.text(".wxl-count").matches("[0-3]:\\d\\d 后失效"), page.text(".wxl-count"));
      String code = page.qrContent();
      b.screenshot("login-1-waiting-zh");

      JsonObject scan = cluster.scan(code, openid, null);
      assertEquals(200, scan.getInteger("httpStatus"), "WeChat delivered the scan: " + scan.encode());
      assertEquals(Users.shown(openid), page.awaitLoggedIn());
      assertEquals(openid, page.whoFull());
      assertEquals("欢迎新朋友，这是你第一次登录。", page.welcome());
      b.screenshot("login-2-logged-in-zh");

      b.driver().navigate().refresh();
      assertEquals(Users.shown(openid), page.awaitLoggedIn(), "a reload keeps the tab logged in");
      String token = (String) b.js("return JSON.parse(sessionStorage.getItem('wxlogin.session')).token;");
      assertEquals(200, sessionOn(1, token), "the session works on the other node too");

      page.logOut();
      page.awaitState("waiting");
      assertEquals("你已退出登录。", page.notice());
      assertEquals(401, sessionOn(0, token), "the token is dead after log out");
      assertEquals(401, sessionOn(1, token), "on every node");
      b.screenshot("login-3-logged-out-zh");

      cluster.scan(page.qrContent(), openid, null);
      page.awaitLoggedIn();
      assertEquals("欢迎回来！", page.welcome(), "the second login is a returning user's");
    }
  }

  @Test
  void aReloadShowsTheSameCodeWithoutAskingWeChatAgainAndRefreshAsksForANewOne() {
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(page());
      page.awaitState("waiting");
      String first = page.qrContent();
      long created = qrCreateCalls();

      b.driver().navigate().refresh();
      page.awaitState("waiting");
      assertEquals(first, page.qrContent(), "the reloaded page shows the code it had");
      assertEquals(created, qrCreateCalls(), "and cost no qrcode/create call");

      page.refresh();
      String second = page.awaitNewQr(first);
      assertNotEquals(first, second);
      assertEquals(created + 1, qrCreateCalls(), "refresh asked WeChat for exactly one new code");
    }
  }

  @Test
  void englishForAnEnglishBrowserAndTheSwitchIsRemembered() {
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(page());
      page.awaitState("waiting");
      assertEquals("Log in with WeChat", page.title());
      assertEquals("Scan with WeChat to log in", page.status());
      assertEquals("en", b.js("return document.documentElement.lang;"));
      page.qrContent();
      b.screenshot("login-4-waiting-en");

      page.switchLanguage();
      assertEquals("微信扫码登录", page.title());
      assertEquals("请使用微信扫一扫登录", page.status());
      b.driver().navigate().refresh();
      page.awaitState("waiting");
      assertEquals("微信扫码登录", page.title(), "the chosen language survives a reload");
    }
  }

  @Test
  void aClockThatJumpsPastTheExpiryAsAfterSleepGetsAFreshCode() {
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(page());
      page.awaitState("waiting");
      String before = page.qrContent();
      b.js("var real = Date.now; Date.now = function () { return real.call(Date) + 600000; };");
      String after = page.awaitNewQr(before);
      assertTrue(page.text(".wxl-count").matches("[23]:\\d\\d 后失效"), "a full countdown again: " + page.text(".wxl-count"));
      cluster.scan(after, Users.openid("Sleeper"), null);
      page.awaitLoggedIn();
    }
  }

  @Test
  void aHiddenTabLetsItsCodeExpireAndGetsANewOneWhenItIsSeenAgain() {
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(page());
      page.awaitState("waiting");
      String before = page.qrContent();
      long created = qrCreateCalls();
      setHidden(b, true);
      b.js("var real = Date.now; Date.now = function () { return real.call(Date) + 600000; };");
      page.awaitState("expired");
      assertEquals("The QR code expired. Refresh to get a new one.", page.status());
      assertEquals(created, qrCreateCalls(), "a tab nobody sees asks WeChat for no new code");
      b.screenshot("login-6-expired-en");

      setHidden(b, false);
      page.awaitNewQr(before);
      assertEquals(created + 1, qrCreateCalls(), "seen again, it asks for exactly one");
    }
  }

  /** What the browser does when the tab goes to the background or comes back (Page Visibility API). */
  private static void setHidden(Browser b, boolean hidden) {
    b.js("var hidden = arguments[0]; Object.defineProperty(document, 'hidden', { configurable: true,"
        + " get: function () { return hidden; } }); document.dispatchEvent(new Event('visibilitychange'));", hidden);
  }

  @Test
  void theKeyboardAloneSwitchesTheLanguageAndAsksForANewCode() {
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(page());
      page.awaitState("waiting");
      String first = page.qrContent();
      tabTo(b, "lang");
      assertTrue(focusRingShown(b), "the focused button shows a focus ring");
      new Actions(b.driver()).sendKeys(Keys.ENTER).perform();
      assertEquals("Log in with WeChat", page.title());
      tabTo(b, "wxl-refresh");
      assertTrue(focusRingShown(b), "the focused refresh button shows a focus ring");
      b.screenshot("login-5-keyboard-focus");
      new Actions(b.driver()).sendKeys(Keys.SPACE).perform();
      page.awaitNewQr(first);
    }
  }

  /** Presses Tab until the focused element has this id or class (at most 10 times). */
  private static void tabTo(Browser b, String idOrClass) {
    for (int i = 0; i < 10; i++) {
      new Actions(b.driver()).sendKeys(Keys.TAB).perform();
      Boolean there = (Boolean) b.js("var e = document.activeElement; return e.id === arguments[0]"
          + " || e.classList.contains(arguments[0]);", idOrClass);
      if (Boolean.TRUE.equals(there)) {
        assertEquals("button", b.js("return document.activeElement.tagName.toLowerCase();"));
        return;
      }
    }
    throw new AssertionError("Tab never reached " + idOrClass);
  }

  private static boolean focusRingShown(Browser b) {
    return (Boolean) b.js("var s = getComputedStyle(document.activeElement);"
        + " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;");
  }

  private static int sessionOn(int node, String token) {
    return cluster.http().get(cluster.node(node).url() + "/api/session", "Authorization", "Bearer " + token).status();
  }

  private static long qrCreateCalls() {
    JsonObject stats = cluster.http().get(cluster.sandbox().url() + "/sandbox/stats").json();
    JsonObject create = stats.getJsonObject("apis").getJsonObject("/cgi-bin/qrcode/create");
    return create == null ? 0 : create.getLong("calls");
  }
}
