package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.RedisMode;
import io.wxlogin.testing.ClusterTest;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code REDIS_MODE=cluster} on a real three-master Redis Cluster: scenes, users and sessions land in
 * different slots, so each step runs as a one-key script, and the token keys share a slot by hash tag.
 */
class RedisClusterModeTest extends ClusterTest {

  @Override
  protected WxCluster.Builder system() {
    return WxCluster.builder().nodes(2).redisMode(RedisMode.CLUSTER);
  }

  @Test
  void aLoginCrossesNodesAndTheTokenKeysShareASlot() throws Exception {
    assertFalse(cluster.store().hgetall("wxlogin:token:{" + cluster.sandbox().config().appId() + "}").isEmpty(),
        "the token-server stored the token under the hash-tagged key");
    JsonObject qr = cluster.node(0).newQr();
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
    cluster.node(0).awaitParked(1);
    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_redis_cluster_user_0000000001", null);
    assertEquals(LoginTexts.NEW_USER, scan.getString("reply"));

    JsonObject body = new JsonObject(held.get(10, TimeUnit.SECONDS).body());
    assertEquals("CONFIRMED", body.getString("status"));
    String token = body.getJsonObject("session").getString("token");
    Http.Reply me = cluster.node(1).get("/api/session", "Authorization", "Bearer " + token);
    assertEquals(200, me.status(), me.body());
    assertEquals(410, cluster.node(1).poll(qr.getString("scene"), 0).status());
  }

  @Test
  void aRetriedEventCountsOnceAndTheReturningUserIsRecognised() {
    String openid = "o_redis_cluster_retry_000000001";
    JsonObject first = cluster.node(1).newQr();
    String event = WxXml.event(cluster.sandbox().config().originalId(), openid, System.currentTimeMillis() / 1000,
        "subscribe", "qrscene_" + first.getString("scene"), "T");
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    String query = "signature=" + WxSignature.sign(cluster.sandbox().config().token(), ts, "31") + "&timestamp=" + ts
        + "&nonce=31";
    String r1 = post(cluster.node(0), query, event);
    String r2 = post(cluster.node(1), query, event);
    assertEquals(r1, r2);
    assertTrue(r1.contains("登录成功，欢迎！"), r1);
    assertEquals("1", cluster.store().hgetall("wxlogin:user:" + openid).get("login_count"));
    assertEquals(200, cluster.node(0).poll(first.getString("scene"), 0).status());

    JsonObject again = cluster.node(0).newQr();
    JsonObject scan = cluster.scan(again.getString("qrContent"), openid, null);
    assertEquals(LoginTexts.RETURNING, scan.getString("reply"));
    assertEquals("2", cluster.store().hgetall("wxlogin:user:" + openid).get("login_count"));
  }

  private String post(WxNode node, String query, String body) {
    return cluster.http().send("POST", node.url() + "/wechat/callback?" + query, body, "Content-Type", "text/xml").body();
  }
}
