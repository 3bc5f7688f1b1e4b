package io.wxlogin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The fixture itself: one call starts a system a user can log in through, and it says how it was started. */
class WxClusterTest extends ClusterTest {

  @Override
  protected WxCluster.Builder system() {
    return WxCluster.builder().nodes(2).nodeEnv("SESSION_TTL_SECONDS", "3600");
  }

  @Test
  void aUserLogsInThroughTheStartedSystem() {
    JsonObject qr = cluster.node(0).newQr();
    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_fixture_smoke_user_000000001", null);
    assertEquals(200, scan.getInteger("httpStatus"), scan.encode());
    Http.Reply poll = cluster.node(0).poll(qr.getString("scene"), 5);
    assertEquals(200, poll.status(), poll.body());
    assertEquals("CONFIRMED", poll.json().getString("status"));
    assertEquals(3600, poll.json().getJsonObject("session").getInteger("expiresIn"), poll.body());
  }

  @Test
  void theEnvironmentIsTheProductionOneAndTheServersAnswerOnTheirUrls() {
    assertEquals(cluster.redisUrl(), cluster.env().get("REDIS_URL"));
    assertEquals("standalone", cluster.env().get("REDIS_MODE"));
    assertEquals(cluster.sandbox().config().appId(), cluster.env().get("WECHAT_APP_ID"));
    assertEquals("3600", cluster.env().get("SESSION_TTL_SECONDS"));
    assertFalse(cluster.env().containsKey("NODE_ID"));
    assertNotEquals(cluster.node(0).nodeId(), cluster.node(1).nodeId());
    assertEquals(200, cluster.http().get(cluster.sandbox().url() + "/health").status());
    assertEquals(200, cluster.http().get(cluster.tokenServer().url() + "/health").status());
    assertEquals(200, cluster.http().get(cluster.node(1).managementUrl() + "/ready").status());
    assertEquals("PONG", cluster.store().send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.PING))
        .toString());
    assertTrue(cluster.redis().port() > 0);
  }
}
