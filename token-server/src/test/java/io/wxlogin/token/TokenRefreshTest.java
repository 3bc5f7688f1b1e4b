package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.redis.RedisKeys;
import io.wxlogin.testing.Eventually;
import io.wxlogin.token.testing.Metrics;
import io.wxlogin.token.testing.Replica;
import io.wxlogin.token.testing.Sandbox;
import io.wxlogin.token.testing.TestConfig;
import io.wxlogin.token.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenRefreshTest {

  private static TestRedis redis;

  @BeforeAll
  static void redis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  private static Map<String, String> storedToken(TestConfig config) {
    return redis.token(config);
  }

  @Test
  void aFreshStartMakesExactlyOneStableTokenCallAndStoresAWorkingToken() throws Exception {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig();
      BlockingQueue<String> updates = redis.subscribe(config.keys().tokenUpdatedChannel());
      try (Replica replica = Replica.start(config, redis.server().port(), "solo")) {
        Map<String, String> stored = Eventually.value(Duration.ofSeconds(5), "a token in Redis",
            () -> storedToken(config).isEmpty() ? null : storedToken(config));
        // a few lease renewals later, still one call: nothing else woke up to refresh
        Eventually.sleep(config.lease.multipliedBy(2));
        assertEquals(1, sandbox.calls(Sandbox.STABLE_TOKEN));
        assertEquals(0, sandbox.calls(Sandbox.TOKEN));
        assertEquals(0, sandbox.useToken(stored.get("access_token")));
        assertEquals("solo", stored.get("refreshed_by"));
        assertEquals(config.appId, updates.poll(2, TimeUnit.SECONDS), "token-updated announces the write");
        assertEquals(null, updates.poll(), "and only once");

        long expiresAt = Long.parseLong(stored.get("expires_at"));
        long pttl = redis.pttl(config.keys().token(config.appId));
        long untilExpiry = expiresAt - System.currentTimeMillis();
        assertTrue(Math.abs(untilExpiry - pttl) < 1_000, "the key expires with the token: " + pttl + " vs " + untilExpiry);
        assertTrue(untilExpiry <= 7_200_000 && untilExpiry > 7_190_000, "expires_at from expires_in: " + untilExpiry);
      }
    }
  }

  @Test
  void classicModeAlsoStartsWithExactlyOneCall() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig().tokenApi(TokenApi.CLASSIC);
      try (Replica replica = Replica.start(config, redis.server().port(), "classic")) {
        String token = Eventually.value(Duration.ofSeconds(5), "a token in Redis",
            () -> storedToken(config).get("access_token"));
        Eventually.sleep(config.lease.multipliedBy(2));
        assertEquals(1, sandbox.calls(Sandbox.TOKEN));
        assertEquals(0, sandbox.calls(Sandbox.STABLE_TOKEN));
        assertEquals(0, sandbox.useToken(token));
      }
    }
  }

  @Test
  void refreshesAheadOfExpirySoTheStoredTokenAlwaysWorks() {
    // 7 s tokens (6 s as the server counts, expires_in being whole seconds); stable_token rotates in the last
    // 3 s. A 5 s lead is more than half the lifetime, so the server looks 3 s ahead, gets the same token
    // back, and must look again (at 1.5 s) before the old one dies.
    try (Sandbox sandbox = Sandbox.withTokens(7, 3)) {
      TestConfig config = sandbox.serverConfig().ahead(Duration.ofSeconds(5));
      try (Replica replica = Replica.start(config, redis.server().port(), "cycler")) {
        Eventually.within(Duration.ofSeconds(5), "a token in Redis", () -> !storedToken(config).isEmpty());
        Set<String> seen = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        long end = System.currentTimeMillis() + 12_000;
        while (System.currentTimeMillis() < end) {
          String token = storedToken(config).get("access_token");
          if (token == null) {
            failures.add("no token stored at " + System.currentTimeMillis());
          } else {
            seen.add(token);
            int errcode = sandbox.useToken(token);
            if (errcode != 0) {
              failures.add("token #" + seen.size() + " answered " + errcode);
            }
          }
          Eventually.sleep(Duration.ofMillis(400));
        }
        assertEquals(List.of(), failures);
        assertTrue(seen.size() >= 3, "12 s of 6 s tokens needs at least two refreshes, saw " + seen.size());
        assertTrue(Metrics.sum(replica, "wxlogin_token_refreshes_total", "result=\"unchanged\"") >= 2,
            "each cycle first got the same token back");
      }
    }
  }

  @Test
  void aDeletedTokenKeyIsRestoredAtTheNextCheckEvenWhenWeChatHandsBackTheSameToken() throws Exception {
    try (Sandbox sandbox = Sandbox.withTokens(6, 2)) {
      TestConfig config = sandbox.serverConfig().ahead(Duration.ofSeconds(3));
      RedisKeys keys = config.keys();
      try (Replica replica = Replica.start(config, redis.server().port(), "restorer")) {
        Map<String, String> first = Eventually.value(Duration.ofSeconds(5), "a token in Redis",
            () -> storedToken(config).isEmpty() ? null : storedToken(config));
        BlockingQueue<String> updates = redis.subscribe(keys.tokenUpdatedChannel());
        redis.del(keys.token(config.appId));
        // the check 3 s before expiry gets the same stable token back, and writes it again as it was
        Map<String, String> restored = Eventually.value(Duration.ofSeconds(4), "the token back in Redis",
            () -> storedToken(config).isEmpty() ? null : storedToken(config));
        assertEquals(first, restored);
        assertEquals(config.appId, updates.poll(1, TimeUnit.SECONDS), "the restored key is announced");
      }
    }
  }
}
