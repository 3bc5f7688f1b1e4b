package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed event whose FromUserName is markup. Until the node validates openids it logs the browser in
 * as that "user", and the page must show the name as text; once it validates them the event is ignored.
 * Either way no script from it ever runs.
 */
class HostileOpenidTest extends OnLoginSite {

  private static final String HOSTILE = "<img src=x onerror=window.__pwned=1>";

  @BeforeAll
  static void start() {
    startSite(LoginSite.builder());
  }

  @Test
  void anOpenidMadeOfMarkupIsNeverRunAndIsShownAsTextIfAtAll() {
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      String reply = SignedCallback.scan(cluster, site.url(), HOSTILE, page.scene());

      if (!reply.equals("success")) {
        assertEquals(Users.shown(HOSTILE), page.awaitLoggedIn(), "the name is shown as the text it is");
        assertEquals(HOSTILE, page.whoFull());
        assertEquals(0L, b.js("return document.querySelectorAll('#account img, #who *').length;"),
            "no element was made from the name");
      } else {
        assertEquals("waiting", page.state(), "the ignored event logged nobody in");
        String openid = Users.openid("AfterHostile");
        cluster.scan(page.qrContent(), openid, null);
        assertEquals(Users.shown(openid), page.awaitLoggedIn());
      }
      b.screenshot("hostile-openid");
      assertNull(b.js("return window.__pwned;"), "the markup in the openid never ran");
    }
  }
}
