package io.wxlogin.token.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.wxlogin.oidc.KeySecret;
import io.wxlogin.oidc.SigningKey;
import io.wxlogin.testing.RedisServer;
import io.wxlogin.token.TokenServerVerticle;
import io.wxlogin.token.testing.Sandbox;
import io.wxlogin.token.testing.TestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lease holder keeps the OIDC signing keys in Redis: sealed, rotated ahead of use, retired late, kept. */
class KeyKeeperTest {

  private static final String SECRET = "an operator secret of at least 32 characters";
  private static RedisServer redisServer;
  private static Sandbox sandbox;
  private static Vertx clientVertx;
  private static Redis redis;

  @BeforeAll
  static void start() {
    redisServer = RedisServer.start();
    sandbox = new Sandbox(io.wxlogin.sandbox.SandboxConfig.defaults());
    clientVertx = Vertx.vertx();
    redis = Redis.createClient(clientVertx, redisServer.url());
  }

  @AfterAll
  static void stop() throws Exception {
    clientVertx.close().await(10, TimeUnit.SECONDS);
    sandbox.close();
    redisServer.close();
  }

  private static KeysConfig keys(int rotationS, int aheadS, int retainS) {
    return new KeysConfig(new KeySecret(SECRET), Duration.ofSeconds(rotationS), Duration.ofSeconds(aheadS),
        Duration.ofSeconds(retainS));
  }

  private static Vertx server(TestConfig config, String id, KeysConfig keys) throws Exception {
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new TokenServerVerticle(config.build(redisServer.url(), id).withSigningKeys(keys)))
        .await(10, TimeUnit.SECONDS);
    return vertx;
  }

  private static Map<String, SigningKey> stored(TestConfig config) {
    try {
      Response all = RedisAPI.api(redis).hgetall(config.keys().oidcKeys(config.appId)).await(5, TimeUnit.SECONDS);
      Map<String, SigningKey> m = new HashMap<>();
      for (String kid : all.getKeys()) {
        m.put(kid, SigningKey.fromJson(all.get(kid).toString()));
      }
      return m;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void within(Duration d, String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + d + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void theLeaseHolderPublishesOneSealedKeyPerAlgorithm() throws Exception {
    TestConfig config = sandbox.serverConfig();
    Vertx server = server(config, "keeper-1", keys(86_400, 2, 60));
    try {
      within(Duration.ofSeconds(10), "an RS256 and an ES256 key", () -> stored(config).size() == 2);
      List<String> algs = new ArrayList<>(stored(config).values().stream().map(SigningKey::alg).sorted().toList());
      assertEquals(List.of("ES256", "RS256"), algs);
      for (SigningKey k : stored(config).values()) {
        assertTrue(k.privateJwk(new KeySecret(SECRET)).isPrivate());
        assertThrows(KeySecret.WrongSecretException.class,
            () -> k.privateJwk(new KeySecret("somebody else's secret, also 32+ chars")));
        assertFalse(k.publicJwk().containsKey("d"), "a private parameter in clear");
      }
    } finally {
      server.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSuccessorIsPublishedBeforeItSignsAndTheOldKeyStaysForTheRetainTime() throws Exception {
    TestConfig config = sandbox.serverConfig();
    Vertx server = server(config, "keeper-2", keys(4, 2, 3));
    try {
      within(Duration.ofSeconds(10), "the first keys", () -> stored(config).size() == 2);
      Map<String, SigningKey> first = stored(config);
      Map<String, Long> firstSeen = new HashMap<>();
      within(Duration.ofSeconds(15), "a successor", () -> {
        long now = System.currentTimeMillis();
        stored(config).keySet().forEach(kid -> firstSeen.putIfAbsent(kid, now));
        return firstSeen.size() > 2;
      });
      for (SigningKey k : stored(config).values()) {
        if (!first.containsKey(k.kid())) {
          assertTrue(firstSeen.get(k.kid()) < k.signFrom(), k + " was not in Redis before it started signing");
        }
      }
      String firstRs = first.values().stream().filter(k -> k.alg().equals("RS256")).findFirst().orElseThrow().kid();
      within(Duration.ofSeconds(20), "the first RS256 key retired", () -> !stored(config).containsKey(firstRs));
      long removedBy = System.currentTimeMillis();
      SigningKey successor = stored(config).values().stream()
          .filter(k -> k.alg().equals("RS256") && k.signFrom() > first.get(firstRs).signFrom())
          .min(java.util.Comparator.comparingLong(SigningKey::signFrom)).orElseThrow();
      assertTrue(removedBy >= successor.signFrom() + 3_000, "retired before its successor signed for 3 s");
    } finally {
      server.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRestartedTokenServerKeepsTheKeys() throws Exception {
    TestConfig config = sandbox.serverConfig();
    Vertx first = server(config, "keeper-3a", keys(86_400, 2, 60));
    within(Duration.ofSeconds(10), "the first keys", () -> stored(config).size() == 2);
    Map<String, SigningKey> before = stored(config);
    first.close().await(10, TimeUnit.SECONDS);

    Vertx second = server(config, "keeper-3b", keys(86_400, 2, 60));
    try {
      within(Duration.ofSeconds(10), "the restarted server holds the lease", () -> "keeper-3b".equals(lease(config)));
      Thread.sleep(1_500);
      assertEquals(before.keySet(), stored(config).keySet());
    } finally {
      second.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aServerThatLostTheLeaseCannotWriteKeys() throws Exception {
    TestConfig config = sandbox.serverConfig();
    String leaseKey = config.keys().tokenLease(config.appId);
    String keysKey = config.keys().oidcKeys(config.appId);
    RedisAPI.api(redis).set(List.of(leaseKey, "the-new-holder", "PX", "60000")).await(5, TimeUnit.SECONDS);
    io.wxlogin.redis.LuaScript write = io.wxlogin.redis.LuaScript.load(KeyKeeper.class, "keys-write.lua");
    Response refused = write.run(redis, List.of(leaseKey, keysKey), List.of("the-old-holder",
        config.keys().oidcKeysChannel(), "changed", "1", "kid-x", "{}")).await(5, TimeUnit.SECONDS);
    assertEquals(0, refused.get(0).toInteger());
    assertEquals("the-new-holder", refused.get(1).toString());
    assertTrue(stored(config).isEmpty(), "nothing was written");
  }

  private static String lease(TestConfig config) {
    try {
      Response r = RedisAPI.api(redis).get(config.keys().tokenLease(config.appId)).await(5, TimeUnit.SECONDS);
      return r == null ? null : r.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
