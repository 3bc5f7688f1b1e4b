package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every page and script is served with the headers that keep it from being framed, sniffed or injected. */
class SecurityHeadersTest {

  private static LoginSite site;
  private static WxCluster cluster;

  @BeforeAll
  static void start() {
    site = LoginSite.start(LoginSite.builder().nodes(1));
    cluster = site.cluster();
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void pagesAndScriptsCarryAStrictPolicy() {
    for (String path : List.of("/", "/assets/app.js", "/assets/app.css", "/assets/wxlogin.css", "/wxlogin.js")) {
      Http.Reply r = cluster.http().get(site.url() + path);
      assertEquals(200, r.status(), path);
      String csp = r.header("Content-Security-Policy");
      assertNotNull(csp, path + " has a Content-Security-Policy");
      assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), path + " cannot be framed: " + csp);
      assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
      assertEquals("no-referrer", r.header("Referrer-Policy"), path);
    }
  }

  @Test
  void apiAnswersAreNeitherCachedNorSniffed() {
    Http.Reply r = cluster.http().get(site.url() + "/api/login/0123456789abcdef0123456789abcdef?wait=0");
    assertEquals(404, r.status());
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    assertEquals("no-store", r.header("Cache-Control"));
  }

  @Test
  void thePageWorksUnderItsPolicyWithNothingRefused() {
    Browser.assumeChromium();
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      cluster.scan(page.qrContent(), Users.openid("Policy"), null);
      page.awaitLoggedIn();
      List<String> console = b.console();
      assertFalse(console.stream().anyMatch(l -> l.contains("Content Security Policy")),
          "the browser refused nothing under the page's policy: " + console);
    }
  }
}
