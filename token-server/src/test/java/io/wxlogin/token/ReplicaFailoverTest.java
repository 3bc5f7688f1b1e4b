package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.redis.TokenMessages;
import io.wxlogin.testing.Eventually;
import io.wxlogin.token.testing.LogCapture;
import io.wxlogin.token.testing.Metrics;
import io.wxlogin.token.testing.Replica;
import io.wxlogin.token.testing.Sandbox;
import io.wxlogin.token.testing.TestConfig;
import io.wxlogin.token.testing.TestRedis;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several replicas, one lease: exactly one refresher, a quick successor, and no stale writes. */
class ReplicaFailoverTest {

  private static TestRedis redis;

  @BeforeAll
  static void redis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  private static String holder(TestConfig config) {
    return redis.get(config.keys().tokenLease(config.appId));
  }

  private static String refreshedBy(TestConfig config) {
    return redis.token(config).get("refreshed_by");
  }

  @Test
  void ofTwoReplicasExactlyOneRefreshes() {
    try (Sandbox sandbox = Sandbox.withTokens(8, 5)) {
      TestConfig config = sandbox.serverConfig().ahead(Duration.ofSeconds(3));
      try (Replica a = Replica.start(config, redis.server().port(), "a");
           Replica b = Replica.start(config, redis.server().port(), "b")) {
        Eventually.within(Duration.ofSeconds(5), "a token in Redis", () -> refreshedBy(config) != null);
        Set<String> writers = new HashSet<>();
        long end = System.currentTimeMillis() + 8_000;
        while (System.currentTimeMillis() < end) {
          writers.add(refreshedBy(config));
          Eventually.sleep(Duration.ofMillis(200));
        }
        String holder = holder(config);
        Replica refresher = holder.equals("a") ? a : b;
        Replica standby = holder.equals("a") ? b : a;
        assertEquals(Set.of(holder), writers);
        assertEquals(0, Metrics.sum(standby, "wxlogin_token_refreshes_total"));
        assertEquals(sandbox.calls(Sandbox.STABLE_TOKEN), (long) Metrics.sum(refresher, "wxlogin_token_refreshes_total"));
        assertTrue(sandbox.calls(Sandbox.STABLE_TOKEN) >= 2, "8 s of 7 s tokens refreshed 3 s ahead needs refreshing");
        assertEquals(1, Metrics.sum(refresher, "wxlogin_token_lease_held"));
        assertEquals(0, Metrics.sum(standby, "wxlogin_token_lease_held"));
      }
    }
  }

  @Test
  void whenTheHolderCrashesTheStandbyTakesOverWithinTheLeaseTimeAndRefreshes() {
    try (Sandbox sandbox = Sandbox.withTokens(8, 5)) {
      TestConfig config = sandbox.serverConfig().ahead(Duration.ofSeconds(3));
      Replica first = Replica.start(config, redis.server().port(), "first");
      Eventually.within(Duration.ofSeconds(5), "first holds the lease and stored a token",
          () -> "first".equals(holder(config)) && "first".equals(refreshedBy(config)));
      try (Replica second = Replica.start(config, redis.server().port(), "second")) {
        Eventually.within(Duration.ofSeconds(5), "the second replica is a subscribed standby",
            () -> redis.subscribers(config.keys().tokenRefreshChannel()) == 2);

        String before = redis.token(config).get("access_token");
        first.kill();
        Duration takeover = Eventually.within(config.lease.plusMillis(500), "second holds the lease",
            () -> "second".equals(holder(config)));
        System.out.println("takeover after the crash: " + takeover.toMillis() + " ms (lease " + config.lease + ")");
        Eventually.within(Duration.ofSeconds(8), "second refreshes the token", () -> {
          var stored = redis.token(config);
          return "second".equals(stored.get("refreshed_by")) && !before.equals(stored.get("access_token"));
        });
        assertEquals(0, sandbox.useToken(redis.token(config).get("access_token")));
      } finally {
        first.kill();
      }
    }
  }

  @Test
  void aGracefulStopHandsTheLeaseOverWithoutWaitingForItToExpire() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig().lease(Duration.ofSeconds(10));
      Replica first = Replica.start(config, redis.server().port(), "leaving");
      Eventually.within(Duration.ofSeconds(5), "the first replica holds the lease and stored a token",
          () -> "leaving".equals(holder(config)) && "leaving".equals(refreshedBy(config)));
      try (Replica second = Replica.start(config, redis.server().port(), "staying")) {
        Eventually.within(Duration.ofSeconds(5), "the second replica is a subscribed standby",
            () -> redis.subscribers(config.keys().tokenRefreshChannel()) == 2);
        first.stop();
        // a standby looks at least once a second; the 10 s lease would otherwise block it
        Eventually.within(Duration.ofSeconds(3), "the standby holds the lease", () -> "staying".equals(holder(config)));
        assertEquals(1, sandbox.calls(Sandbox.STABLE_TOKEN), "the fresh token was kept, not fetched again");
      } finally {
        first.stop();
      }
    }
  }

  @Test
  void aHolderThatLostItsLeaseMidRefreshCannotOverwriteTheToken() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300); LogCapture log = new LogCapture()) {
      TestConfig config = sandbox.serverConfig().tokenApi(TokenApi.CLASSIC).lease(Duration.ofSeconds(3));
      try (Replica stale = Replica.start(config, redis.server().port(), "stale")) {
        String before = Eventually.value(Duration.ofSeconds(5), "a token in Redis",
            () -> redis.token(config).get("access_token"));
        Eventually.within(Duration.ofSeconds(5), "subscribed to token-refresh",
            () -> redis.subscribers(config.keys().tokenRefreshChannel()) == 1);

        // The next WeChat call takes 1.5 s; while it is in flight the lease moves to another server, as if
        // this replica had been paused or cut off long enough for its lease to expire and be taken.
        sandbox.fault(Sandbox.TOKEN, null, 1, 1_500);
        redis.publish(config.keys().tokenRefreshChannel(), TokenMessages.refreshRequest(config.appId, before));
        Eventually.within(Duration.ofSeconds(2), "the refresh reached WeChat", () -> sandbox.calls(Sandbox.TOKEN) == 2);
        redis.set(config.keys().tokenLease(config.appId), "successor", 60_000);

        Eventually.within(Duration.ofSeconds(5), "the write was refused",
            () -> Metrics.sum(stale, "wxlogin_token_writes_refused_total") == 1);
        var stored = redis.token(config);
        assertEquals(before, stored.get("access_token"));
        assertEquals("stale", stored.get("refreshed_by"));
        assertEquals("successor", holder(config));
        assertEquals(1, log.linesContaining("token write refused: stale no longer holds the lease (it names successor)").size(),
            log.all());
        assertFalse(stale.get("/ready").json().getBoolean("leaseHeld"));
      }
    }
  }
}
