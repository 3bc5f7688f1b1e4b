package io.wxlogin.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code REDIS_MODE=cluster} on a real three-master Redis Cluster: scenes, users and sessions land in
 * different slots, so each step runs as a one-key script, and the token keys share a slot by hash tag.
 */
class RedisClusterModeTest {

  static LocalCluster cluster;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.startOnRedisCluster();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aLoginCrossesNodesAndTheTokenKeysShareASlot() throws Exception {
    assertFalse(cluster.hgetall("wxlogin:token:{" + cluster.sandboxConfig.appId() + "}").isEmpty(),
        "the token-server stored the token under the hash-tagged key");
    JsonObject qr = cluster.newQr(cluster.nodeA);
    CompletableFuture<HttpResponse<String>> held = cluster.pollAsync(cluster.nodeA, qr.getString("scene"), 20);
    LocalCluster.awaitParked(cluster.nodeA, 1);
    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_redis_cluster_user_0000000001", null);
    assertEquals("登录成功，欢迎！请回到网页继续。", scan.getString("reply"));

    JsonObject body = new JsonObject(held.get(10, TimeUnit.SECONDS).body());
    assertEquals("CONFIRMED", body.getString("status"));
    String token = body.getJsonObject("session").getString("token");
    HttpResponse<String> me = cluster.send(HttpRequest.newBuilder(URI.create(cluster.base(cluster.nodeB) + "/api/session"))
        .header("Authorization", "Bearer " + token).GET());
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(410, cluster.poll(cluster.nodeB, qr.getString("scene"), 0).statusCode());
  }

  @Test
  void aRetriedEventCountsOnceAndTheReturningUserIsRecognised() {
    String openid = "o_redis_cluster_retry_000000001";
    JsonObject first = cluster.newQr(cluster.nodeB);
    String event = WxXml.event(cluster.sandboxConfig.originalId(), openid, System.currentTimeMillis() / 1000,
        "subscribe", "qrscene_" + first.getString("scene"), "T");
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    String query = "signature=" + WxSignature.sign(cluster.sandboxConfig.token(), ts, "31") + "&timestamp=" + ts
        + "&nonce=31";
    String r1 = post(cluster.nodeA, query, event);
    String r2 = post(cluster.nodeB, query, event);
    assertEquals(r1, r2);
    assertTrue(r1.contains("登录成功，欢迎！"), r1);
    assertEquals("1", cluster.hgetall("wxlogin:user:" + openid).get("login_count"));
    assertEquals(200, cluster.poll(cluster.nodeA, first.getString("scene"), 0).statusCode());

    JsonObject again = cluster.newQr(cluster.nodeA);
    JsonObject scan = cluster.scan(again.getString("qrContent"), openid, null);
    assertEquals("登录成功，欢迎回来！请回到网页继续。", scan.getString("reply"));
    assertEquals("2", cluster.hgetall("wxlogin:user:" + openid).get("login_count"));
  }

  private String post(LoginNodeVerticle node, String query, String body) {
    return cluster.send(HttpRequest.newBuilder(URI.create(cluster.base(node) + "/wechat/callback?" + query))
        .POST(HttpRequest.BodyPublishers.ofString(body))).body();
  }
}
