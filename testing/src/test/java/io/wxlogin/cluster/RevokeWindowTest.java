package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.wxlogin.login.confirm.ReplyTexts;
import io.wxlogin.testing.Eventually;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A "0" after the revoke window (LOGIN_REVOKE_WINDOW_SECONDS, here 1 s) changes nothing. */
class RevokeWindowTest {

  @Test
  void zeroAfterTheWindowChangesNothing() {
    try (WxCluster cluster = WxCluster.builder().nodes(2).nodeEnv("LOGIN_REVOKE_WINDOW_SECONDS", "1").start()) {
      ConfirmFlow flow = new ConfirmFlow(cluster);
      String openid = "o_window_closed_00000000000001";
      JsonObject qr = flow.qr(cluster.node(0));
      CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
      cluster.node(0).awaitParked(1);
      String reply = flow.scan(qr, openid);
      assertEquals(ReplyTexts.autoLoggedIn(ReplyConfirmTest.CHROME, true, 1), reply);
      String token = ConfirmFlow.token(WxNode.answer(held));
      String lastScan = cluster.keys().lastScan(openid);
      Eventually.within(Duration.ofSeconds(10), "the window closed", () -> cluster.store().pttl(lastScan) == -2);

      assertEquals(ReplyTexts.nothingToRefuse(1), flow.message(openid, "0"));

      assertEquals(200, flow.session(cluster.node(0), token));
      assertEquals(200, flow.session(cluster.node(1), token));
    }
  }
}
