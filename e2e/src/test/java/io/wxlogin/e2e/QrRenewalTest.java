package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** QR codes that live 10 s (the shortest SCENE_TTL_SECONDS allowed): the page replaces an expired one. */
class QrRenewalTest extends OnLoginSite {

  @BeforeAll
  static void start() {
    startSite(LoginSite.builder().nodeEnv("SCENE_TTL_SECONDS", "10"));
  }

  @Test
  void anExpiredCodeIsReplacedByANewOneThatLogsIn() {
    String openid = Users.openid("Renewal");
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      String first = page.qrContent();
      assertTrue(page.text(".wxl-count").matches("0:(0\\d|10) 后失效"), page.text(".wxl-count"));

      String second = page.awaitNewQr(first);
      b.screenshot("renewal-1-new-code");
      JsonObject late = cluster.scan(first, openid, null);
      assertEquals("qr_expired", late.getString("error"), "WeChat no longer knows the old code: " + late.encode());
      assertEquals("waiting", page.state(), "the page still waits on its new code");

      cluster.scan(second, openid, null);
      assertEquals(Users.shown(openid), page.awaitLoggedIn());
      b.screenshot("renewal-2-logged-in");
    }
  }
}
