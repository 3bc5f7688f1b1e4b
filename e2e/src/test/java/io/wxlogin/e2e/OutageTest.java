package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.WxNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the page says while WeChat or its login node is down, and that it recovers by itself. */
class OutageTest extends OnLoginSite {

  @BeforeAll
  static void start() {
    startSite(LoginSite.builder());
  }

  @Test
  void whileWeChatCannotMakeCodesThePageSaysItRetriesAndThenShowsOne() {
    cluster.sandbox().post("/sandbox/faults", new JsonObject().put("api", "/cgi-bin/qrcode/create")
        .put("errcode", -1).put("count", -1));
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("unavailable");
      assertTrue(page.status().startsWith("登录服务暂时不可用") && page.status().contains("秒后重试"), page.status());
      b.screenshot("outage-1-wechat-down");

      cluster.http().delete(cluster.sandbox().url() + "/sandbox/faults");
      page.awaitState("waiting");
      assertEquals("请使用微信扫一扫登录", page.status());
      page.qrContent();
    } finally {
      cluster.http().delete(cluster.sandbox().url() + "/sandbox/faults");
    }
  }

  @Test
  void whileNoNodeAnswersThePageSaysItRetriesAndLogsInOnceTheyAreBack() {
    String openid = Users.openid("Outage");
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      String code = page.qrContent();

      cluster.nodes().forEach(WxNode::stop);
      page.awaitState("retrying", "unavailable");
      assertTrue(page.status().matches("(Cannot reach the login service|The login service is unavailable);"
          + " retrying in \\d+ s \\(attempt \\d+\\)…"), page.status());
      b.screenshot("outage-2-nodes-down");

      cluster.nodes().forEach(WxNode::restart);
      page.awaitState("waiting");
      assertEquals(code, page.qrContent(), "the code outlived the outage");
      cluster.scan(code, openid, null);
      assertEquals(Users.shown(openid), page.awaitLoggedIn());
    }
  }

  @Test
  void aScanWhileThePagesNodeIsDownIsNotLost() {
    String openid = Users.openid("NodeDown");
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      String code = page.qrContent();

      cluster.node(0).stop();
      JsonObject scan = cluster.scan(code, openid, null);
      assertEquals(200, scan.getInteger("httpStatus"), "another node took the scan: " + scan.encode());
      cluster.node(0).restart();
      assertEquals(Users.shown(openid), page.awaitLoggedIn(), "a poll found the login");
    }
  }
}
