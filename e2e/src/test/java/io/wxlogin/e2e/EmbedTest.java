package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.testing.WxCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /wxlogin.js on another site: the same QR box, talking to the login node across origins (CORS). */
class EmbedTest {

  private static HostSite shop;
  private static LoginSite site;
  private static WxCluster cluster;

  @BeforeAll
  static void start() {
    Browser.assumeChromium();
    shop = new HostSite();
    // only the other site is listed: the login page's own POSTs carry Origin too and must still work
    site = LoginSite.start(LoginSite.builder().nodeEnv("CORS_ALLOWED_ORIGINS", shop.origin()));
    cluster = site.cluster();
    shop.loginOrigin(site.url());
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void anotherSiteMountsTheBoxAndItsOnLoginHearsWhoLoggedIn() {
    String openid = Users.openid("Embed");
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage box = new LoginPage(b).open(shop.origin() + "/");
      box.awaitState("waiting");
      assertEquals("Example shop", box.title());
      assertEquals("Scan with WeChat to log in", box.status(), "the site chose English with lang: 'en'");
      assertEquals(1L, b.js("return document.querySelectorAll('#box .wxl-qr').length;"));
      String code = box.qrContent();
      b.screenshot("embed-1-waiting");

      cluster.scan(code, openid, null);
      box.awaitState("done");
      assertEquals("Logged in as " + Users.shown(openid), box.status());
      String greeting = box.text("#greeting");
      assertEquals("Welcome " + openid + " (new), token received", greeting);
      b.screenshot("embed-2-logged-in");
      assertTrue(b.console().stream().noneMatch(l -> l.contains("CORS")), "no request was refused by CORS");
    }
  }

  @Test
  void theLoginPageItselfStillWorksWhereOtherSitesAreAllowed() {
    String openid = Users.openid("OwnPage");
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      cluster.scan(page.qrContent(), openid, null);
      assertEquals(Users.shown(openid), page.awaitLoggedIn());
    }
  }
}
