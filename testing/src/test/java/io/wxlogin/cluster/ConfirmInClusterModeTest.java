package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.login.confirm.ReplyTexts;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.RedisMode;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Both LOGIN_CONFIRM modes on a three-master Redis Cluster, where the scene, the user, the user's last scan and
 * the session live in different slots and every step is its own script.
 */
class ConfirmInClusterModeTest {

  @Test
  void autoModeZeroEndsTheSessionOnBothNodes() {
    try (WxCluster cluster = WxCluster.builder().nodes(2).redisMode(RedisMode.CLUSTER).start()) {
      ConfirmFlow flow = new ConfirmFlow(cluster);
      String openid = "o_cluster_auto_revoke_00000001";
      JsonObject qr = flow.qr(cluster.node(0));
      CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
      cluster.node(0).awaitParked(1);
      assertTrue(flow.scan(qr, openid).startsWith("你正在 Windows 上的 Chrome（IP 127.0.0.*）登录 网站"));
      String token = ConfirmFlow.token(WxNode.answer(held));
      assertEquals(200, flow.session(cluster.node(1), token));

      assertEquals(ReplyTexts.revoked(ReplyConfirmTest.CHROME), flow.message(openid, "0"));

      assertEquals(401, flow.session(cluster.node(0), token));
      assertEquals(401, flow.session(cluster.node(1), token));
    }
  }

  @Test
  void replyModeScannedThenConfirmedThenRefusedElsewhere() {
    try (WxCluster cluster = WxCluster.builder().nodes(2).redisMode(RedisMode.CLUSTER)
        .nodeEnv("LOGIN_CONFIRM", "reply").start()) {
      ConfirmFlow flow = new ConfirmFlow(cluster);
      String openid = "o_cluster_reply_confirm_000001";
      JsonObject qr = flow.qr(cluster.node(0));
      String scene = qr.getString("scene");
      CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(scene, 20);
      cluster.node(0).awaitParked(1);
      assertEquals(ReplyTexts.askToConfirm(ReplyConfirmTest.CHROME), flow.scan(qr, openid));
      assertEquals("SCANNED", ConfirmFlow.status(WxNode.answer(held)));
      CompletableFuture<Http.Reply> waiting = cluster.node(0).pollAsync(scene, 20);
      cluster.node(0).awaitParked(1);

      assertEquals(ReplyTexts.confirmed(ReplyConfirmTest.CHROME, true), flow.message(openid, "1"));
      String token = ConfirmFlow.token(WxNode.answer(waiting));
      assertEquals(200, flow.session(cluster.node(1), token));

      JsonObject other = flow.qr(cluster.node(0));
      flow.scan(other, "o_cluster_reply_refuse_0000001");
      assertEquals(ReplyTexts.refused(ReplyConfirmTest.CHROME), flow.message("o_cluster_reply_refuse_0000001", "0"));
      assertEquals("REFUSED", ConfirmFlow.status(cluster.node(1).poll(other.getString("scene"), 0)));
    }
  }
}
