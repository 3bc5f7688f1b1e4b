package io.wxlogin.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The login flow as a browser, WeChat and a user see it, across two login nodes sharing one Redis. */
class LoginAcrossNodesTest {

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

  private HttpResponse<String> session(LoginNodeVerticle node, String method, String token) {
    return cluster.send(HttpRequest.newBuilder(URI.create(cluster.base(node) + "/api/session"))
        .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void pollHeldOnOneNodeWakesWhenTheCallbackLandsOnTheOther() throws Exception {
    JsonObject qr = cluster.newQr(cluster.nodeA);
    String scene = qr.getString("scene");
    CompletableFuture<HttpResponse<String>> held = cluster.pollAsync(cluster.nodeA, scene, 20);
    LocalCluster.awaitParked(cluster.nodeA, 1);

    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_cross_node_user_000000000001", null);
    assertEquals(200, scan.getInteger("httpStatus"));
    assertEquals("subscribe", scan.getString("event"));

    HttpResponse<String> answer = held.get(10, TimeUnit.SECONDS);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonObject body = new JsonObject(answer.body());
    assertEquals("CONFIRMED", body.getString("status"));
    assertEquals("o_cross_node_user_000000000001", body.getJsonObject("user").getString("openid"));
    assertTrue(body.getJsonObject("user").getBoolean("newUser"));
    String token = body.getJsonObject("session").getString("token");

    HttpResponse<String> me = session(cluster.nodeB, "GET", token);
    assertEquals(200, me.statusCode(), me.body());
    assertEquals("o_cross_node_user_000000000001", new JsonObject(me.body()).getString("openid"));

    assertEquals(204, session(cluster.nodeA, "DELETE", token).statusCode());
    assertEquals(401, session(cluster.nodeA, "GET", token).statusCode());
    assertEquals(401, session(cluster.nodeB, "GET", token).statusCode());
  }

  @Test
  void aPollArrivingAfterTheScanStillGetsTheSessionOnceAndLaterPollsGet410() {
    JsonObject qr = cluster.newQr(cluster.nodeB);
    String scene = qr.getString("scene");
    assertEquals(200, cluster.scan(qr.getString("qrContent"), "o_late_poll_user_0000000000001", null)
        .getInteger("httpStatus"));

    HttpResponse<String> first = cluster.poll(cluster.nodeA, scene, 0);
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("CONFIRMED", new JsonObject(first.body()).getString("status"));
    HttpResponse<String> second = cluster.poll(cluster.nodeB, scene, 0);
    assertEquals(410, second.statusCode());
    assertEquals("CONSUMED", new JsonObject(second.body()).getString("status"));
  }

  @Test
  void twoConcurrentPollsGetOneSessionAndOne410() throws Exception {
    JsonObject qr = cluster.newQr(cluster.nodeA);
    String scene = qr.getString("scene");
    CompletableFuture<HttpResponse<String>> p1 = cluster.pollAsync(cluster.nodeA, scene, 20);
    CompletableFuture<HttpResponse<String>> p2 = cluster.pollAsync(cluster.nodeA, scene, 20);
    LocalCluster.awaitParked(cluster.nodeA, 2);
    cluster.scan(qr.getString("qrContent"), "o_two_polls_user_000000000001", null);
    List<Integer> statuses = List.of(p1.get(10, TimeUnit.SECONDS).statusCode(), p2.get(10, TimeUnit.SECONDS).statusCode());
    assertTrue(statuses.contains(200) && statuses.contains(410), "got " + statuses);
  }

  @Test
  void aReturningUserScanningAsAFollowerGetsNewUserFalse() {
    String openid = "o_returning_user_0000000000001";
    JsonObject first = cluster.newQr(cluster.nodeA);
    cluster.scan(first.getString("qrContent"), openid, null);
    assertEquals(200, cluster.poll(cluster.nodeA, first.getString("scene"), 0).statusCode());

    JsonObject again = cluster.newQr(cluster.nodeB);
    JsonObject scan = cluster.scan(again.getString("qrContent"), openid, null);
    assertEquals("SCAN", scan.getString("event"));
    assertEquals("登录成功，欢迎回来！请回到网页继续。", scan.getString("reply"));
    HttpResponse<String> answer = cluster.poll(cluster.nodeB, again.getString("scene"), 5);
    JsonObject user = new JsonObject(answer.body()).getJsonObject("user");
    assertFalse(user.getBoolean("newUser"));
    assertEquals("2", cluster.hgetall("wxlogin:user:" + openid).get("login_count"));
  }

  @Test
  void aScanOfAnExpiredSceneTellsTheUserAndThePollGets404() {
    JsonObject qr = cluster.newQr(cluster.nodeA);
    String scene = qr.getString("scene");
    // what Redis does when the scene's TTL runs out
    cluster.redis(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg("wxlogin:scene:" + scene));

    JsonObject scan = cluster.sandbox("/sandbox/scan", new JsonObject().put("qrContent", qr.getString("qrContent"))
        .put("openid", "o_expired_scene_user_00000000001").put("force", true));
    assertEquals("二维码已过期，请在网页上刷新二维码后重新扫码。", scan.getString("reply"));
    HttpResponse<String> answer = cluster.poll(cluster.nodeB, scene, 0);
    assertEquals(404, answer.statusCode());
    assertEquals("EXPIRED", new JsonObject(answer.body()).getString("status"));
  }

  @Test
  void aQrUsedByOneUserTellsASecondUserItIsTaken() {
    JsonObject qr = cluster.newQr(cluster.nodeA);
    cluster.scan(qr.getString("qrContent"), "o_first_scanner_000000000000001", null);
    JsonObject second = cluster.scan(qr.getString("qrContent"), "o_second_scanner_00000000000001", null);
    assertEquals("这个二维码已被其他微信号使用，请在网页上刷新二维码后重新扫码。", second.getString("reply"));
    JsonObject poll = new JsonObject(cluster.poll(cluster.nodeA, qr.getString("scene"), 0).body());
    assertEquals("o_first_scanner_000000000000001", poll.getJsonObject("user").getString("openid"));
  }

  @Test
  void unknownScenesAndGarbageTokensAreRefusedCleanly() {
    assertEquals(404, cluster.poll(cluster.nodeA, "00000000000000000000000000000000", 0).statusCode());
    assertEquals(404, cluster.poll(cluster.nodeA, "not-a-scene", 0).statusCode());
    assertEquals(400, cluster.get(cluster.nodeA, "/api/login/00000000000000000000000000000000?wait=abc").statusCode());
    assertEquals(401, session(cluster.nodeA, "GET", "garbage").statusCode());
    assertEquals(401, session(cluster.nodeA, "GET", "A".repeat(43)).statusCode());
    HttpResponse<String> noHeader = cluster.get(cluster.nodeB, "/api/session");
    assertEquals(401, noHeader.statusCode());
    assertNotNull(new JsonObject(noHeader.body()).getString("error"));
  }

  @Test
  void theQrImageUrlShowsARealImageAndQrContentIsWhatItEncodes() {
    JsonObject qr = cluster.newQr(cluster.nodeA);
    assertEquals(180, qr.getInteger("expiresIn"));
    HttpResponse<String> image = cluster.send(HttpRequest.newBuilder(URI.create(qr.getString("qrImageUrl"))).GET());
    assertEquals(200, image.statusCode());
    assertTrue(image.headers().firstValue("Content-Type").orElse("").startsWith("image/"));
    assertTrue(qr.getString("qrContent").startsWith("http://weixin.qq.com/q/"));
    assertEquals("PENDING", cluster.hgetall("wxlogin:scene:" + qr.getString("scene")).get("status"));
  }

  @Test
  void theDemoPageAndProbesAnswer() {
    HttpResponse<String> page = cluster.get(cluster.nodeA, "/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("/api/login/qrcode"));
    assertEquals(200, cluster.get(cluster.nodeA, "/health").statusCode());
    assertEquals(200, cluster.get(cluster.nodeB, "/ready").statusCode());
    HttpResponse<String> metrics = cluster.get(cluster.nodeA, "/metrics");
    assertTrue(metrics.body().contains("wxlogin_polls_parked"), metrics.body());
  }
}
