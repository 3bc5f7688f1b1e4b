package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.WxCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The login page at / in a desktop browser: scan, logged in, reload, log out, language. */
class LoginPageTest {

  private static WxCluster cluster;

  @BeforeAll
  static void start() {
    Browser.assumeChromium();
    cluster = WxCluster.builder().nodes(2).start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String page() {
    return cluster.node(0).url() + "/";
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
      b.screenshot("login-1-waiting-zh");

      JsonObject scan = cluster.scan(page.qrContent(), openid, null);
      assertTrue(scan.getString("reply").startsWith("登录成功"), scan.encode());
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
      b.screenshot("login-4-waiting-en");

      page.switchLanguage();
      assertEquals("微信扫码登录", page.title());
      assertEquals("请使用微信扫一扫登录", page.status());
      b.driver().navigate().refresh();
      page.awaitState("waiting");
      assertEquals("微信扫码登录", page.title(), "the chosen language survives a reload");
    }
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
