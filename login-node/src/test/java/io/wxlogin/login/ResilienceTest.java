package io.wxlogin.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logins survive a dropped pub/sub link, a refused access_token and a client that gives up. */
class ResilienceTest {

  static LocalCluster cluster;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.start(null);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aLoginArrivesWithinASecondOfTheScanAfterThePubSubConnectionIsKilled() throws Exception {
    JsonObject qr = cluster.newQr(cluster.nodeA);
    CompletableFuture<HttpResponse<String>> held = cluster.pollAsync(cluster.nodeA, qr.getString("scene"), 20);
    LocalCluster.awaitParked(cluster.nodeA, 1);

    long killed = cluster.redis(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).toLong();
    assertTrue(killed >= 2, "both nodes' subscribers were killed, got " + killed);
    long scannedAt = System.nanoTime();
    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_pubsub_killed_00000000000001", null);
    assertEquals(200, scan.getInteger("httpStatus"));

    HttpResponse<String> answer = held.get(10, TimeUnit.SECONDS);
    long afterScanMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scannedAt);
    assertEquals("CONFIRMED", new JsonObject(answer.body()).getString("status"));
    assertTrue(afterScanMs < 1000, "the login arrived " + afterScanMs + " ms after the scan");
  }

  @Test
  void aClientThatDisconnectsFreesItsParkedPollAtOnce() throws Exception {
    JsonObject qr = cluster.newQr(cluster.nodeB);
    int before = cluster.nodeB.parkedPolls();
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", cluster.nodeB.actualPort())) {
      s.getOutputStream().write(("GET /api/login/" + qr.getString("scene") + "?wait=25 HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      LocalCluster.awaitParked(cluster.nodeB, before + 1);
    }
    LocalCluster.awaitParked(cluster.nodeB, before);
  }

  @Test
  void aRefusedAccessTokenIsReplacedThroughTheTokenServerAndTheQrStillComes() {
    JsonObject expired = cluster.sandbox("/sandbox/expire-tokens", new JsonObject());
    assertTrue(expired.getInteger("_status") < 300, expired.encode());
    JsonObject qr = cluster.newQr(cluster.nodeA);
    assertTrue(qr.getString("qrContent").startsWith("http://weixin.qq.com/q/"));
    JsonObject again = cluster.newQr(cluster.nodeB);
    assertTrue(again.getString("scene").length() == 32);
  }
}
