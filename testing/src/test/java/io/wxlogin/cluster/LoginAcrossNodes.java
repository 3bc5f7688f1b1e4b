package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.RedisMode;
import io.wxlogin.testing.ClusterTest;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The login flow as a browser, WeChat and a user see it, across two login nodes sharing one Redis. */
abstract class LoginAcrossNodes extends ClusterTest {

  /** Every scenario runs on a standalone Redis and on a Redis Cluster (one subclass each, one cluster each). */
  abstract RedisMode redisMode();

  @Override
  protected WxCluster.Builder system() {
    return WxCluster.builder().nodes(2).redisMode(redisMode());
  }

  private Http.Reply session(WxNode node, String method, String token) {
    return cluster.http().send(method, node.url() + "/api/session", null, "Authorization", "Bearer " + token);
  }

  @Test
  void pollHeldOnOneNodeWakesWhenTheCallbackLandsOnTheOther() throws Exception {
    JsonObject qr = cluster.node(0).newQr();
    String scene = qr.getString("scene");
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(scene, 20);
    cluster.node(0).awaitParked(1);

    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_cross_node_user_000000000001", null);
    assertEquals(200, scan.getInteger("httpStatus"));
    assertEquals("subscribe", scan.getString("event"));

    Http.Reply answer = held.get(10, TimeUnit.SECONDS);
    assertEquals(200, answer.status(), answer.body());
    JsonObject body = new JsonObject(answer.body());
    assertEquals("CONFIRMED", body.getString("status"));
    assertEquals("o_cross_node_user_000000000001", body.getJsonObject("user").getString("openid"));
    assertTrue(body.getJsonObject("user").getBoolean("newUser"));
    String token = body.getJsonObject("session").getString("token");

    Http.Reply me = session(cluster.node(1), "GET", token);
    assertEquals(200, me.status(), me.body());
    assertEquals("o_cross_node_user_000000000001", new JsonObject(me.body()).getString("openid"));

    assertEquals(204, session(cluster.node(0), "DELETE", token).status());
    assertEquals(401, session(cluster.node(0), "GET", token).status());
    assertEquals(401, session(cluster.node(1), "GET", token).status());
  }

  @Test
  void aPollArrivingAfterTheScanStillGetsTheSessionOnceAndLaterPollsGet410() {
    JsonObject qr = cluster.node(1).newQr();
    String scene = qr.getString("scene");
    assertEquals(200, cluster.scan(qr.getString("qrContent"), "o_late_poll_user_0000000000001", null)
        .getInteger("httpStatus"));

    Http.Reply first = cluster.node(0).poll(scene, 0);
    assertEquals(200, first.status(), first.body());
    assertEquals("CONFIRMED", new JsonObject(first.body()).getString("status"));
    Http.Reply second = cluster.node(1).poll(scene, 0);
    assertEquals(410, second.status());
    assertEquals("CONSUMED", new JsonObject(second.body()).getString("status"));
  }

  @Test
  void twoConcurrentPollsGetOneSessionAndOne410() throws Exception {
    JsonObject qr = cluster.node(0).newQr();
    String scene = qr.getString("scene");
    CompletableFuture<Http.Reply> p1 = cluster.node(0).pollAsync(scene, 20);
    CompletableFuture<Http.Reply> p2 = cluster.node(0).pollAsync(scene, 20);
    cluster.node(0).awaitParked(2);
    cluster.scan(qr.getString("qrContent"), "o_two_polls_user_000000000001", null);
    List<Integer> statuses = List.of(p1.get(10, TimeUnit.SECONDS).status(), p2.get(10, TimeUnit.SECONDS).status());
    assertTrue(statuses.contains(200) && statuses.contains(410), "got " + statuses);
  }

  @Test
  void aReturningUserScanningAsAFollowerGetsNewUserFalse() {
    String openid = "o_returning_user_0000000000001";
    JsonObject first = cluster.node(0).newQr();
    cluster.scan(first.getString("qrContent"), openid, null);
    assertEquals(200, cluster.node(0).poll(first.getString("scene"), 0).status());

    JsonObject again = cluster.node(1).newQr();
    JsonObject scan = cluster.scan(again.getString("qrContent"), openid, null);
    assertEquals("SCAN", scan.getString("event"));
    assertEquals(LoginTexts.RETURNING, scan.getString("reply"));
    Http.Reply answer = cluster.node(1).poll(again.getString("scene"), 5);
    JsonObject user = new JsonObject(answer.body()).getJsonObject("user");
    assertFalse(user.getBoolean("newUser"));
    assertEquals("2", cluster.store().hgetall(cluster.keys().user(openid)).get("login_count"));
  }

  @Test
  void aScanOfAnExpiredSceneTellsTheUserAndThePollGets404() {
    JsonObject qr = cluster.node(0).newQr();
    String scene = qr.getString("scene");
    // what Redis does when the scene's TTL runs out
    cluster.store().send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(cluster.keys().scene(scene)));

    JsonObject scan = cluster.sandbox().post("/sandbox/scan", new JsonObject().put("qrContent", qr.getString("qrContent"))
        .put("openid", "o_expired_scene_user_00000000001").put("force", true)).json();
    assertEquals("二维码已过期，请在网页上刷新二维码后重新扫码。", scan.getString("reply"));
    Http.Reply answer = cluster.node(1).poll(scene, 0);
    assertEquals(404, answer.status());
    assertEquals("EXPIRED", new JsonObject(answer.body()).getString("status"));
  }

  @Test
  void aQrUsedByOneUserTellsASecondUserItIsTaken() {
    JsonObject qr = cluster.node(0).newQr();
    cluster.scan(qr.getString("qrContent"), "o_first_scanner_000000000000001", null);
    JsonObject second = cluster.scan(qr.getString("qrContent"), "o_second_scanner_00000000000001", null);
    assertEquals("这个二维码已被其他微信号使用，请在网页上刷新二维码后重新扫码。", second.getString("reply"));
    JsonObject poll = new JsonObject(cluster.node(0).poll(qr.getString("scene"), 0).body());
    assertEquals("o_first_scanner_000000000000001", poll.getJsonObject("user").getString("openid"));
  }

  @Test
  void unknownScenesAndGarbageTokensAreRefusedCleanly() {
    assertEquals(404, cluster.node(0).poll("00000000000000000000000000000000", 0).status());
    assertEquals(404, cluster.node(0).poll("not-a-scene", 0).status());
    assertEquals(400, cluster.node(0).get("/api/login/00000000000000000000000000000000?wait=abc").status());
    assertEquals(401, session(cluster.node(0), "GET", "garbage").status());
    assertEquals(401, session(cluster.node(0), "GET", "A".repeat(43)).status());
    Http.Reply noHeader = cluster.node(1).get("/api/session");
    assertEquals(401, noHeader.status());
    assertNotNull(new JsonObject(noHeader.body()).getString("error"));
  }

  @Test
  void theQrImageUrlShowsARealImageAndQrContentIsWhatItEncodes() {
    JsonObject qr = cluster.node(0).newQr();
    assertEquals(180, qr.getInteger("expiresIn"));
    Http.Reply image = cluster.http().get(qr.getString("qrImageUrl"));
    assertEquals(200, image.status());
    assertTrue(String.valueOf(image.header("Content-Type")).startsWith("image/"));
    assertTrue(qr.getString("qrContent").startsWith("http://weixin.qq.com/q/"));
    assertEquals("PENDING", cluster.store().hgetall(cluster.keys().scene(qr.getString("scene"))).get("status"));
  }

  @Test
  void theDemoPageAndProbesAnswer() {
    Http.Reply page = cluster.node(0).get("/");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("/wxlogin.js"), "the page loads the QR widget");
    Http.Reply widget = cluster.node(0).get("/wxlogin.js");
    assertEquals(200, widget.status());
    assertTrue(widget.body().contains("/api/login/qrcode"), "the widget asks this node for QR codes");
    assertEquals(200, cluster.node(0).get("/health").status());
    assertEquals(200, cluster.http().get(cluster.node(1).managementUrl() + "/ready").status());
    Http.Reply metrics = cluster.http().get(cluster.node(0).managementUrl() + "/metrics");
    assertTrue(metrics.body().contains("wxlogin_polls_parked"), metrics.body());
  }
}
