package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.testing.Eventually;
import io.wxlogin.token.testing.LogCapture;
import io.wxlogin.token.testing.Metrics;
import io.wxlogin.token.testing.Replica;
import io.wxlogin.token.testing.Sandbox;
import io.wxlogin.token.testing.TestConfig;
import io.wxlogin.token.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What WeChat's errors cost: backoff for -1, one operator line and a slow retry for what a person must fix. */
class UpstreamErrorsTest {

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

  /** One sandbox and one replica per case, all at once: the cases run side by side in one 3.5 s window. */
  private record Case(String name, Sandbox sandbox, TestConfig config, Replica replica) {
  }

  @Test
  void eachConfigurationOrQuotaErrorIsToldOnceAndRetriedSlowlyNeverInALoop() {
    Map<String, Integer> faults = new LinkedHashMap<>();
    for (int code : new int[] {40013, 40125, 40164, 40243, 89503, 45009}) {
      faults.put("fault-" + code, code);
    }
    List<Case> cases = new ArrayList<>();
    try (LogCapture log = new LogCapture()) {
      try {
        for (var f : faults.entrySet()) {
          Sandbox sandbox = Sandbox.withTokens(7200, 300);
          sandbox.fault(Sandbox.STABLE_TOKEN, f.getValue(), -1, 0);
          TestConfig config = sandbox.serverConfig();
          cases.add(new Case(f.getKey(), sandbox, config, Replica.start(config, redis.server().port(), f.getKey())));
        }
        // and the real thing: a secret WeChat does not accept
        Sandbox sandbox = new Sandbox(SandboxConfig.builder().appSecret("theRealSecretThatChanged").build());
        TestConfig config = sandbox.serverConfig();
        config.appSecret = "anOutdatedSecret";
        cases.add(new Case("wrong-secret", sandbox, config, Replica.start(config, redis.server().port(), "wrong-secret")));

        // slow retry is 1 s apart, so a 3.5 s window holds at most 4 calls of each replica
        cases.forEach(c -> c.sandbox.resetStats());
        Eventually.sleep(Duration.ofMillis(3_500));
        for (Case c : cases) {
          long calls = c.sandbox.calls(Sandbox.STABLE_TOKEN);
          assertTrue(calls >= 2 && calls <= 4, c.name + " made " + calls + " calls in 3.5 s");
          assertTrue(Metrics.sum(c.replica, "wxlogin_token_failures_total") >= 3, c.name);
          assertEquals(null, stored(c.config), c.name);
        }
        for (var f : faults.entrySet()) {
          List<String> lines = log.linesContaining("OPERATOR ACTION NEEDED on token-server " + f.getKey() + ":");
          assertEquals(1, lines.size(), f.getKey() + ": " + lines);
          assertTrue(lines.get(0).contains("(" + f.getValue() + ")"), lines.get(0));
        }
        List<String> secret = log.linesContaining("OPERATOR ACTION NEEDED on token-server wrong-secret:");
        assertEquals(1, secret.size(), log.all());
        assertTrue(secret.get(0).contains("WECHAT_APP_SECRET") && !secret.get(0).contains("anOutdatedSecret"), secret.get(0));

        // the operator fixes it (the administrator confirms the IP): picked up at the next slow retry
        Case fixed = cases.get(4);
        fixed.sandbox.clearFaults();
        Eventually.within(Duration.ofSeconds(3), "a token once WeChat accepts", () -> stored(fixed.config) != null);
        assertEquals(1, log.linesContaining("works again").size(), log.all());
      } finally {
        cases.forEach(c -> {
          c.replica.stop();
          c.sandbox.close();
        });
      }
    }
  }

  @Test
  void systemBusyIsRetriedWithDoublingBackoffUntilItSucceeds() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300); LogCapture log = new LogCapture()) {
      sandbox.fault(Sandbox.STABLE_TOKEN, -1, 3, 0);
      TestConfig config = sandbox.serverConfig().busyRetryBase(Duration.ofMillis(200));
      try (Replica replica = Replica.start(config, redis.server().port(), "busy")) {
        String token = Eventually.value(Duration.ofSeconds(5), "a token after three -1", () -> stored(config));
        assertEquals(4, sandbox.calls(Sandbox.STABLE_TOKEN));
        assertEquals(0, sandbox.useToken(token));
        assertEquals(List.of(
                "WARNING WeChat token API is busy (-1); retry 1 in 200 ms",
                "WARNING WeChat token API is busy (-1); retry 2 in 400 ms",
                "WARNING WeChat token API is busy (-1); retry 3 in 800 ms"),
            log.linesContaining("busy (-1)"));
        assertEquals(3, Metrics.sum(replica, "wxlogin_token_failures_total", "errcode=\"-1\""));
        assertEquals(0, log.linesContaining("OPERATOR ACTION NEEDED").size());
      }
    }
  }

  @Test
  void aWeChatThatDoesNotAnswerInTimeIsRetriedLikeABusyOne() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      sandbox.fault(Sandbox.STABLE_TOKEN, null, 1, 2_000);
      TestConfig config = sandbox.serverConfig();
      config.apiTimeout = Duration.ofMillis(300);
      try (Replica replica = Replica.start(config, redis.server().port(), "slow")) {
        Eventually.within(Duration.ofSeconds(5), "a token after a timeout", () -> stored(config) != null);
        assertEquals(1, Metrics.sum(replica, "wxlogin_token_failures_total", "errcode=\"unreachable\""));
        assertEquals(2, sandbox.calls(Sandbox.STABLE_TOKEN));
      }
    }
  }
}
