package io.wxlogin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.ChildProcess;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.RedisMode;
import io.wxlogin.testing.RedisServer;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ops} command, run as its own process with the nodes' environment, against a running system
 * (Redis, sandbox, token-server, two login nodes) after real logins: what an operator on call would type.
 */
class OpsAgainstRunningClusterTest {

  private static final String SHOWN = "o_ops_shown_000000000000000001";
  private static final String REVOKED = "o_ops_revoked_0000000000000001";
  static WxCluster cluster;
  static String pendingScene;
  static final Map<String, List<String>> tokens = new HashMap<>();

  @BeforeAll
  static void start() {
    startOn(RedisMode.STANDALONE);
  }

  static void startOn(RedisMode mode) {
    tokens.clear();
    cluster = WxCluster.builder().nodes(2).redisMode(mode).nodeEnv("QR_DAILY_QUOTA", "5000").start();
    for (String openid : List.of(SHOWN, SHOWN, REVOKED, REVOKED)) {
      tokens.computeIfAbsent(openid, k -> new ArrayList<>()).add(login(openid));
    }
    pendingScene = cluster.node(1).newQr().getString("scene");
    assertEquals(200, cluster.node(1).poll(pendingScene, 0).status(), "the poll records node-b as the holder");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A browser on node 0 waits, the user scans, WeChat's callback lands on node 1; answers the session token. */
  private static String login(String openid) {
    JsonObject qr = cluster.node(0).newQr();
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
    cluster.node(0).awaitParked(1);
    assertEquals(200, cluster.scan(qr.getString("qrContent"), openid, null).getInteger("httpStatus"));
    JsonObject answer = WxNode.answer(held).json();
    assertEquals("CONFIRMED", answer.getString("status"), answer.encode());
    return answer.getJsonObject("session").getString("token");
  }

  @Test
  void scenesListsThePendingQrCodeShortenedWithTheNodeHoldingItsPoll() {
    ChildProcess.Result table = ops("scenes");
    assertEquals(0, table.status(), table.err());
    String shortScene = pendingScene.substring(0, 8) + "…";
    assertTrue(table.out().matches("(?s).*\\n" + shortScene + "\\s+\\d+s\\s+PENDING\\s+node-b\\s.*"), table.out());
    assertTrue(table.out().matches("(?s)^5 live QR codes: 4 CONSUMED, 1 PENDING\\n.*"), table.out());

    JsonObject json = new JsonObject(ops("scenes", "--json").out());
    assertEquals(5, json.getInteger("count"));
    assertEquals(4, json.getJsonObject("byStatus").getInteger("CONSUMED"));
  }

  @Test
  void sceneShowsOneLoginByThePrefixTheListingGave() {
    ChildProcess.Result table = ops("scene", pendingScene.substring(0, 8) + "…");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().matches("(?s).*state\\s+PENDING\\n.*poll held by\\s+node-b\\n.*"), table.out());

    JsonObject json = new JsonObject(ops("scene", pendingScene, "--json").out());
    assertEquals("PENDING", json.getString("status"));
    assertEquals("node-b", json.getString("node"));
    assertTrue(json.getLong("expiresInSeconds") > 0);
  }

  @Test
  void tokensShowsTheTokenServersTokenAndLeaseWithoutTheToken() {
    String appId = cluster.env().get("WECHAT_APP_ID");
    String accessToken = cluster.store().hgetall(cluster.keys().token(appId)).get("access_token");
    ChildProcess.Result table = ops("tokens");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().matches("(?s).*\\n" + appId + "\\s+\\d+s\\s+1h \\d\\dm\\s+token-test\\s+token-test\\s.*"),
        table.out());
    JsonObject row = new JsonObject(ops("tokens", "--json").out()).getJsonArray("tokens").getJsonObject(0);
    assertEquals("token-test", row.getString("leaseHolder"));
    assertTrue(row.getLong("expiresInSeconds") > 3600, row.encode());
    assertFalse(table.out().contains(accessToken) || row.encode().contains(accessToken), "the token was printed");
  }

  @Test
  void userShowsTheLoginsAndBothLiveSessions() {
    ChildProcess.Result table = ops("user", SHOWN);
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().startsWith("user o_ops_sh…: 2 logins, first "), table.out());
    assertTrue(table.out().contains("2 live sessions:"), table.out());
    JsonObject json = new JsonObject(ops("user", SHOWN, "--json").out());
    assertEquals(2, json.getInteger("loginCount"));
    assertEquals(2, json.getJsonArray("sessions").size());
    assertTrue(json.getJsonArray("sessions").getJsonObject(0).getLong("expiresInSeconds") > 600_000);
    for (String token : tokens.get(SHOWN)) {
      assertFalse(table.out().contains(token), "a session token was printed");
    }
  }

  @Test
  void quotaShowsTodaysQrCodesAgainstQrDailyQuota() {
    String appId = cluster.env().get("WECHAT_APP_ID");
    String day = DateTimeFormatter.ofPattern("yyyyMMdd").format(Instant.now().atZone(ZoneId.of("Asia/Shanghai")));
    String counted = cluster.store().get(cluster.keys().qrQuota(appId, day));
    long used = counted == null ? 0 : Long.parseLong(counted);
    ChildProcess.Result table = ops("quota");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().matches("(?s).*\\n" + appId + "\\s+" + day + "\\s+" + used + "\\s+5000\\s+" + (5000 - used)
        + "\\s.*"), table.out());
    JsonObject row = new JsonObject(ops("quota", "--json").out()).getJsonArray("quota").getJsonObject(0);
    assertEquals(used, row.getLong("used"));
    assertEquals(5000, row.getInteger("quota"));
  }

  @Test
  void revokeEndsEverySessionOfThatUserOnBothNodesAtOnce() {
    for (WxNode node : cluster.nodes()) {
      for (String token : tokens.get(REVOKED)) {
        assertEquals(200, session(node, token).status(), "logged in on " + node.nodeId() + " before");
      }
    }
    ChildProcess.Result revoke = ops("revoke", REVOKED);
    assertEquals(0, revoke.status(), revoke.err());
    // the OpenID provider's grants are ended too (its hook is found in the jar), though this user had none
    assertEquals("revoked 2 sessions of user o_ops_re…; 0 oidc_grants\n", revoke.out());

    for (WxNode node : cluster.nodes()) {
      for (String token : tokens.get(REVOKED)) {
        assertEquals(401, session(node, token).status(), "logged out on " + node.nodeId());
      }
      assertEquals(200, session(node, tokens.get(SHOWN).get(0)).status(), "another user stays logged in");
    }
    JsonObject again = new JsonObject(ops("revoke", REVOKED, "--json").out());
    assertEquals(0, again.getInteger("sessionsRevoked"));
  }

  @Test
  void anUnknownCommandPrintsUsageAndExits2() {
    ChildProcess.Result r = ops("sessions");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("usage: java -jar login-node.jar ops <command> [--json]"), r.err());
  }

  @Test
  void anUnreachableRedisIsOneLineAndExitStatus2() {
    Map<String, String> env = new HashMap<>(cluster.env());
    env.put("REDIS_URL", "redis://127.0.0.1:" + RedisServer.freePort());
    ChildProcess.Result r = OpsCli.run(env, "scenes");
    assertEquals(2, r.status(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("ops: Redis is unreachable at "), r.err());
  }

  private static Http.Reply session(WxNode node, String token) {
    return cluster.http().get(node.url() + "/api/session", "Authorization", "Bearer " + token);
  }

  private static ChildProcess.Result ops(String... args) {
    return OpsCli.run(cluster.env(), args);
  }
}
