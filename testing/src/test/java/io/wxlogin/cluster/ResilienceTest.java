package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.ClusterTest;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Logins survive a dropped pub/sub link, a refused access_token and a client that gives up. */
class ResilienceTest extends ClusterTest {

  @Override
  protected WxCluster.Builder system() {
    return WxCluster.builder().nodes(2);
  }

  @Test
  void aLoginArrivesWithinASecondOfTheScanAfterThePubSubConnectionIsKilled() throws Exception {
    JsonObject qr = cluster.node(0).newQr();
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
    cluster.node(0).awaitParked(1);

    long killed = cluster.store().send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).toLong();
    assertTrue(killed >= 2, "both nodes' subscribers were killed, got " + killed);
    long scannedAt = System.nanoTime();
    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_pubsub_killed_00000000000001", null);
    assertEquals(200, scan.getInteger("httpStatus"));

    Http.Reply answer = held.get(10, TimeUnit.SECONDS);
    long afterScanMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scannedAt);
    assertEquals("CONFIRMED", new JsonObject(answer.body()).getString("status"));
    assertTrue(afterScanMs < 1000, "the login arrived " + afterScanMs + " ms after the scan");
  }

  @Test
  void aClientThatDisconnectsFreesItsParkedPollAtOnce() throws Exception {
    JsonObject qr = cluster.node(1).newQr();
    int before = cluster.node(1).parkedPolls();
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", cluster.node(1).port())) {
      s.getOutputStream().write(("GET /api/login/" + qr.getString("scene") + "?wait=25 HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      cluster.node(1).awaitParked(before + 1);
    }
    cluster.node(1).awaitParked(before);
  }

  @Test
  void aRefusedAccessTokenIsReplacedThroughTheTokenServerAndTheQrStillComes() {
    Http.Reply expired = cluster.sandbox().post("/sandbox/expire-tokens", new JsonObject());
    assertTrue(expired.status() < 300, expired.body());
    JsonObject qr = cluster.node(0).newQr();
    assertTrue(qr.getString("qrContent").startsWith("http://weixin.qq.com/q/"));
    JsonObject again = cluster.node(1).newQr();
    assertTrue(again.getString("scene").length() == 32);
  }
}
