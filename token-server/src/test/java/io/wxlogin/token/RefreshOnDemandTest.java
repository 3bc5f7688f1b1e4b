package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.wxlogin.redis.TokenMessages;
import io.wxlogin.testing.Eventually;
import io.wxlogin.token.testing.LogCapture;
import io.wxlogin.token.testing.Metrics;
import io.wxlogin.token.testing.Replica;
import io.wxlogin.token.testing.Sandbox;
import io.wxlogin.token.testing.TestConfig;
import io.wxlogin.token.testing.TestRedis;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login nodes' refresh requests on token-refresh: one WeChat call per failed token, none for stale news. */
class RefreshOnDemandTest {

  private static TestRedis redis;

  @BeforeAll
  static void redis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  private static String stored(TestConfig config) {
    return redis.token(config).get("access_token");
  }

  /** Starts a replica and waits until it stored a token and listens on token-refresh. */
  private static String startedWithToken(Replica replica, TestConfig config) {
    String token = Eventually.value(Duration.ofSeconds(5), "a token in Redis", () -> stored(config));
    Eventually.within(Duration.ofSeconds(5), "subscribed to token-refresh",
        () -> "subscribed".equals(replica.get("/ready").json().getString("refreshRequests")));
    return token;
  }

  private static void publishConcurrently(int n, String channel, String payload) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < n; i++) {
      pool.submit(() -> {
        go.await();
        return redis.publish(channel, payload);
      });
    }
    go.countDown();
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void twentyConcurrentRequestsForOneFailedTokenCostOneWeChatCall() throws Exception {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "holder")) {
        String failed = startedWithToken(replica, config);
        sandbox.invalidateTokens();
        assertEquals(40001, sandbox.useToken(failed));
        sandbox.resetStats();
        // WeChat takes 300 ms to answer, so every request arrives while the one refresh is in flight
        sandbox.fault(Sandbox.STABLE_TOKEN, null, 1, 300);

        publishConcurrently(20, config.keys().tokenRefreshChannel(), TokenMessages.refreshRequest(config.appId, failed));

        String fresh = Eventually.value(Duration.ofSeconds(5), "a new token", () -> {
          String t = stored(config);
          return failed.equals(t) ? null : t;
        });
        Eventually.within(Duration.ofSeconds(3), "all 20 requests handled",
            () -> Metrics.sum(replica, "wxlogin_token_refresh_requests_total") == 20);
        assertEquals(1, sandbox.calls(Sandbox.STABLE_TOKEN));
        assertEquals(1, Metrics.sum(replica, "wxlogin_token_refresh_requests_total", "outcome=\"refreshing\""));
        assertEquals(19, Metrics.sum(replica, "wxlogin_token_refresh_requests_total", "outcome=\"joined\""));
        assertEquals(0, sandbox.useToken(fresh));
      }
    }
  }

  @Test
  void aRequestNamingAnOlderTokenOrAnotherAppCostsNoCall() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "holder")) {
        String current = startedWithToken(replica, config);
        sandbox.resetStats();
        String channel = config.keys().tokenRefreshChannel();
        redis.publish(channel, TokenMessages.refreshRequest(config.appId, "89_an-older-token-already-replaced"));
        redis.publish(channel, TokenMessages.refreshRequest("wxanotherapp", current));
        redis.publish(channel, "not json");
        Eventually.within(Duration.ofSeconds(3), "the three requests handled",
            () -> Metrics.sum(replica, "wxlogin_token_refresh_requests_total") == 3);
        assertEquals(1, Metrics.sum(replica, "wxlogin_token_refresh_requests_total", "outcome=\"stale\""));
        assertEquals(1, Metrics.sum(replica, "wxlogin_token_refresh_requests_total", "outcome=\"other_appid\""));
        assertEquals(1, Metrics.sum(replica, "wxlogin_token_refresh_requests_total", "outcome=\"invalid\""));
        assertEquals(0, sandbox.calls(Sandbox.STABLE_TOKEN));
        assertEquals(current, stored(config));
      }
    }
  }

  @Test
  void stableModeForcesOnlyWhenANormalCallHandsBackTheFailedTokenAndKeepsWeChatsSpacing() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300); LogCapture log = new LogCapture()) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "holder")) {
        String failed = startedWithToken(replica, config);
        sandbox.resetStats();
        // WeChat still considers the token valid (say it leaked and was revoked elsewhere): a normal call returns it
        redis.publish(config.keys().tokenRefreshChannel(), TokenMessages.refreshRequest(config.appId, failed));
        String forced = Eventually.value(Duration.ofSeconds(5), "a forced token", () -> {
          String t = stored(config);
          return failed.equals(t) ? null : t;
        });
        assertEquals(2, sandbox.calls(Sandbox.STABLE_TOKEN), "one normal call, then one force_refresh");
        assertEquals(1, Metrics.sum(replica, "wxlogin_token_refreshes_total", "api=\"stable_force\""));
        assertEquals(0, sandbox.useToken(forced));
        assertEquals("1", redis.hgetall(config.prefix + "token-force:" + config.appId).get("count"));

        // the new token is reported too, within 30 s: WeChat would not refresh, so the server waits instead
        redis.publish(config.keys().tokenRefreshChannel(), TokenMessages.refreshRequest(config.appId, forced));
        Eventually.within(Duration.ofSeconds(3), "the force held back",
            () -> Metrics.sum(replica, "wxlogin_token_force_denied_total", "reason=\"spacing\"") == 1);
        assertEquals(3, sandbox.calls(Sandbox.STABLE_TOKEN), "only the normal call was made");
        assertEquals(forced, stored(config));
        assertEquals(1, log.linesContaining("allows force_refresh only every 30 s").size(), log.all());
      }
    }
  }

  @Test
  void withTodaysTwentyForcesUsedTheOperatorIsToldOnceAndTheTokenKept() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300); LogCapture log = new LogCapture()) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "holder")) {
        String failed = startedWithToken(replica, config);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        redis.hset(config.prefix + "token-force:" + config.appId, "day", today, "count", "20", "last_at", "0");
        sandbox.resetStats();
        for (int i = 0; i < 2; i++) {
          redis.publish(config.keys().tokenRefreshChannel(), TokenMessages.refreshRequest(config.appId, failed));
          int expected = i + 1;
          Eventually.within(Duration.ofSeconds(3), "force refused by the daily limit",
              () -> Metrics.sum(replica, "wxlogin_token_force_denied_total", "reason=\"daily_limit\"") == expected);
        }
        assertEquals(2, sandbox.calls(Sandbox.STABLE_TOKEN), "two normal calls, no force");
        assertEquals(failed, stored(config));
        assertEquals(1, log.linesContaining("OPERATOR ACTION NEEDED on token-server holder: WeChat's limit of 20").size(),
            log.all());
      }
    }
  }

  @Test
  void classicModeReplacesAFailedTokenWithOneCall() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig().tokenApi(TokenApi.CLASSIC);
      try (Replica replica = Replica.start(config, redis.server().port(), "holder")) {
        String failed = startedWithToken(replica, config);
        sandbox.resetStats();
        redis.publish(config.keys().tokenRefreshChannel(), TokenMessages.refreshRequest(config.appId, failed));
        String fresh = Eventually.value(Duration.ofSeconds(5), "a new token", () -> {
          String t = stored(config);
          return failed.equals(t) ? null : t;
        });
        assertNotEquals(failed, fresh);
        assertEquals(1, sandbox.calls(Sandbox.TOKEN));
        assertEquals(0, sandbox.useToken(fresh));
      }
    }
  }
}
