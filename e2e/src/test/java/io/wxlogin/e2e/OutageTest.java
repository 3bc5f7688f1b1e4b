package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.WxCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the page says while WeChat or its login node is down, and that it recovers by itself. */
class OutageTest {

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

  @Test
  void whileWeChatCannotMakeCodesThePageSaysItRetriesAndThenShowsOne() {
    cluster.sandbox().post("/sandbox/faults", new JsonObject().put("api", "/cgi-bin/qrcode/create")
        .put("errcode", -1).put("count", -1));
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(cluster.node(0).url() + "/");
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
  void aScanWhileThePagesNodeIsDownStillLogsInWhenItIsBack() {
    String openid = Users.openid("Outage");
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(cluster.node(0).url() + "/");
      page.awaitState("waiting");
      String code = page.qrContent();

      cluster.node(0).stop();
      page.awaitState("retrying");
      assertTrue(page.status().startsWith("Cannot reach the login service; retrying in"), page.status());
      b.screenshot("outage-2-node-down");

      JsonObject scan = cluster.scan(code, openid, null);
      assertTrue(scan.getString("reply").startsWith("登录成功"), "the other node took the scan: " + scan.encode());
      cluster.node(0).restart();
      assertEquals(Users.shown(openid), page.awaitLoggedIn(), "the retried poll found the login");
    }
  }
}
