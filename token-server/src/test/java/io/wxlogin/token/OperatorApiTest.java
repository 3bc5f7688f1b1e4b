package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.redis.TokenMessages;
import io.wxlogin.testing.Eventually;
import io.wxlogin.testing.Http;
import io.wxlogin.token.testing.Replica;
import io.wxlogin.token.testing.Sandbox;
import io.wxlogin.token.testing.TestConfig;
import io.wxlogin.token.testing.TestRedis;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator and a load balancer see over HTTP. */
class OperatorApiTest {

  private TestRedis redis;

  @BeforeEach
  void redis() {
    redis = TestRedis.start();
  }

  @AfterEach
  void close() {
    redis.close();
  }

  private String stored(TestConfig config) {
    return redis.token(config).get("access_token");
  }

  @Test
  void tokensApiShowsExpiryAgeAndHolderButNeverTheToken() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "ops")) {
        String token = Eventually.value(Duration.ofSeconds(5), "a token in Redis", () -> stored(config));
        Http.Reply answer = replica.get("/api/tokens");
        assertEquals(200, answer.status());
        assertFalse(answer.body().contains(token), answer.body());
        assertFalse(answer.body().contains(TokenMessages.fingerprint(token)), answer.body());
        JsonObject info = answer.json().getJsonObject(config.appId);
        assertEquals(true, info.getBoolean("stored"));
        assertEquals("ops", info.getString("holder"));
        assertEquals("ops", info.getString("refreshedBy"));
        assertTrue(info.getLong("expiresInSeconds") > 7_100 && info.getLong("expiresInSeconds") <= 7_200, info.encode());
        assertTrue(info.getLong("ageSeconds") < 60, info.encode());
        assertTrue(info.getLong("expiresAt") > System.currentTimeMillis());

        assertFalse(replica.get("/metrics").body().contains(token));
        assertFalse(replica.get("/ready").body().contains(token));
      }
    }
  }

  @Test
  void operatorEndpointsAreOnlyOnTheLoopbackManagementPort() throws Exception {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "ops")) {
        Eventually.within(Duration.ofSeconds(5), "a token in Redis", () -> stored(config) != null);
        assertEquals(200, replica.getPublic("/health").status(), "load balancers still see /health");
        for (String path : new String[] {"/api/tokens", "/metrics", "/ready"}) {
          Http.Reply open = replica.getPublic(path);
          assertEquals(404, open.status(), path + " on the public port");
          assertEquals("not_found", open.json().getString("error"));
          assertEquals(200, replica.get(path).status(), path + " on the management port");
        }
        // bound to 127.0.0.1 itself: another loopback address (like another interface) finds nothing there
        try (java.net.Socket s = new java.net.Socket()) {
          s.connect(new java.net.InetSocketAddress("127.1.0.1", replica.managementPort()), 2_000);
          org.junit.jupiter.api.Assertions.fail("the management port answers beyond 127.0.0.1");
        } catch (java.net.ConnectException expected) {
          // refused: what MANAGEMENT_HOST=127.0.0.1 means
        }
      }
    }
  }

  @Test
  void healthMetricsAndErrorsSpeakTheirFormats() {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "ops")) {
        Eventually.within(Duration.ofSeconds(5), "a token in Redis", () -> stored(config) != null);
        assertEquals(200, replica.get("/health").status());
        String metrics = replica.get("/metrics").body();
        for (String series : new String[] {"wxlogin_token_refreshes_total{api=\"stable\",appid=\"" + config.appId
            + "\",result=\"new\"} 1.0", "wxlogin_token_age_seconds{", "wxlogin_token_expires_in_seconds{",
            "wxlogin_token_lease_held{appid=\"" + config.appId + "\"} 1.0"}) {
          assertTrue(metrics.contains(series), series + " in\n" + metrics);
        }
        Http.Reply missing = replica.get("/api/nothing-here");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.json().getString("error"));
        assertTrue(missing.json().containsKey("message"));
      }
    }
  }

  @Test
  void readyIs503WhileRedisIsDownAndRecoversWithTheTokenRestoredAfterARestart() throws Exception {
    try (Sandbox sandbox = Sandbox.withTokens(7200, 300)) {
      TestConfig config = sandbox.serverConfig();
      try (Replica replica = Replica.start(config, redis.server().port(), "ops")) {
        Eventually.within(Duration.ofSeconds(5), "a token in Redis", () -> stored(config) != null);
        JsonObject ready = replica.get("/ready").json();
        assertEquals("ready", ready.getString("status"));
        assertEquals(true, ready.getBoolean("leaseHeld"));
        assertEquals(true, ready.getBoolean("tokenStored"));

        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
          try {
            redis.server().restart(Duration.ofSeconds(3));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        Http.Reply down = Eventually.value(Duration.ofSeconds(3), "/ready turns 503", () -> {
          Http.Reply a = replica.get("/ready");
          return a.status() == 503 ? a : null;
        });
        assertEquals("redis_unreachable", down.json().getString("error"));
        assertTrue(down.json().getString("message").startsWith("Redis at "), down.body());
        // a holder that cannot renew stops believing it holds the lease within the lease time
        Eventually.within(config.lease.plusMillis(500), "the lease given up while Redis is away",
            () -> !replica.get("/ready").json().getBoolean("leaseHeld"));
        restart.join();

        // the restarted Redis is empty: the replica takes the lease again, stores a token, listens again
        Eventually.within(Duration.ofSeconds(10), "ready with a token again", () -> {
          Http.Reply a = replica.get("/ready");
          return a.status() == 200 && a.json().getBoolean("leaseHeld") && a.json().getBoolean("tokenStored")
              && "subscribed".equals(a.json().getString("refreshRequests"));
        });
        assertEquals(0, sandbox.useToken(stored(config)));
        assertEquals(1, redis.subscribers(config.keys().tokenRefreshChannel()));
      }
    }
  }
}
