package io.wxlogin.login.scene;

import static io.wxlogin.login.StoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisClientType;
import io.wxlogin.login.StoreFixture;
import io.wxlogin.login.scene.ScanResult.Claim;
import io.wxlogin.login.scene.ScanResult.Outcome;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.testing.RedisModes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A scene's life in Redis, the same on a standalone server (one script per step) and a Redis Cluster. */
@ExtendWith(VertxExtension.class)
class SceneStoreTest {

  static final RedisModes MODES = new RedisModes();

  @AfterAll
  static void stop() {
    MODES.close();
  }

  private static StoreFixture store(Vertx vertx, RedisClientType mode) {
    return new StoreFixture(vertx, MODES, mode);
  }

  private static SceneStore.PollResult poll(SceneStore scenes, SessionStore sessions, String scene,
      SessionStore.NewToken token) {
    return await(scenes.poll(scene, "node-1", token, sessions.ttlSeconds()));
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void aSceneIsCreatedPendingOnceAndExpiresWithItsQrCode(RedisClientType mode, Vertx vertx) {
    try (StoreFixture s = store(vertx, mode)) {
      SceneStore scenes = new SceneStore(s.redis, s.keys);
      String scene = SceneStore.newSceneId();
      assertTrue(await(scenes.create(scene, "TICKET", 60)));
      assertFalse(await(scenes.create(scene, "OTHER", 60)), "an existing scene is never overwritten");
      Map<String, String> stored = s.hgetall(s.keys.scene(scene));
      assertEquals("PENDING", stored.get("status"));
      assertEquals("TICKET", stored.get("ticket"));
      long ttl = s.probe().pttl(s.keys.scene(scene));
      assertTrue(ttl > 0 && ttl <= 60_000, "ttl " + ttl);
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void aScanConfirmsTheSceneAndOnePollConsumesItIntoASession(RedisClientType mode, Vertx vertx) {
    try (StoreFixture s = store(vertx, mode)) {
      SceneStore scenes = new SceneStore(s.redis, s.keys);
      SessionStore sessions = new SessionStore(s.redis, s.keys, 600);
      String scene = SceneStore.newSceneId();
      await(scenes.create(scene, "T", 60));
      assertEquals(SceneStatus.PENDING, poll(scenes, sessions, scene, sessions.mint()).status());

      ScanResult scan = await(scenes.scan(scene, "o_store_user_1", "evt:1"));
      assertEquals(new ScanResult(Claim.CLAIMED, Outcome.NEW_USER), scan);
      assertEquals("CONFIRMED", s.hgetall(s.keys.scene(scene)).get("status"));

      SessionStore.NewToken token = sessions.mint();
      SceneStore.PollResult consumed = poll(scenes, sessions, scene, token);
      assertEquals(new SceneStore.PollResult(SceneStatus.CONFIRMED, "o_store_user_1", true, false, consumed.confirmedAt(),
          consumed.createdAt()), consumed);
      assertTrue(consumed.createdAt() != null && consumed.confirmedAt() >= consumed.createdAt(), "" + consumed);
      SessionStore.Session session = await(sessions.find(token.token()));
      assertEquals("o_store_user_1", session.openid());
      assertTrue(session.newUser());
      assertEquals(SceneStatus.CONSUMED, poll(scenes, sessions, scene, sessions.mint()).status());
      assertEquals("1", s.hgetall(s.keys.user("o_store_user_1")).get("login_count"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void aRetryOfTheSameDeliveryGetsTheFirstAnswerAndCountsOnce(RedisClientType mode, Vertx vertx) {
    try (StoreFixture s = store(vertx, mode)) {
      SceneStore scenes = new SceneStore(s.redis, s.keys);
      String scene = SceneStore.newSceneId();
      await(scenes.create(scene, "T", 60));
      await(scenes.scan(scene, "o_retry_user", "evt:7"));
      assertEquals(new ScanResult(Claim.RETRY, Outcome.NEW_USER), await(scenes.scan(scene, "o_retry_user", "evt:7")));
      assertEquals("1", s.hgetall(s.keys.user("o_retry_user")).get("login_count"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void aRetryFinishesAFirstDeliveryThatDiedAfterItsClaim(RedisClientType mode, Vertx vertx) {
    try (StoreFixture s = store(vertx, mode)) {
      SceneStore scenes = new SceneStore(s.redis, s.keys);
      String scene = SceneStore.newSceneId();
      await(scenes.create(scene, "T", 60));
      // what a node that died between cluster mode's claim step and the rest leaves behind
      s.probe().hset(s.keys.scene(scene), "openid", "o_half_done", "delivery", "evt:9", "claimed_at", "1");

      assertEquals(new ScanResult(Claim.RETRY, Outcome.NEW_USER), await(scenes.scan(scene, "o_half_done", "evt:9")));
      assertEquals("CONFIRMED", s.hgetall(s.keys.scene(scene)).get("status"));
      assertEquals("1", s.hgetall(s.keys.user("o_half_done")).get("login_count"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void anotherUserIsTakenTheSameUserIsToldAndAGoneSceneIsExpired(RedisClientType mode, Vertx vertx) {
    try (StoreFixture s = store(vertx, mode)) {
      SceneStore scenes = new SceneStore(s.redis, s.keys);
      String scene = SceneStore.newSceneId();
      await(scenes.create(scene, "T", 60));
      await(scenes.scan(scene, "o_first", "evt:a"));
      assertEquals(new ScanResult(Claim.TAKEN, Outcome.TAKEN), await(scenes.scan(scene, "o_second", "evt:b")));
      assertEquals(new ScanResult(Claim.SAME_USER, Outcome.SAME_USER), await(scenes.scan(scene, "o_first", "evt:c")));
      String gone = SceneStore.newSceneId();
      assertEquals(new ScanResult(Claim.EXPIRED, Outcome.EXPIRED), await(scenes.scan(gone, "o_first", "evt:d")));
      SessionStore sessions = new SessionStore(s.redis, s.keys, 600);
      assertEquals(SceneStatus.EXPIRED, poll(scenes, sessions, gone, sessions.mint()).status());
      assertFalse(s.probe().hgetall(s.keys.scene(gone)).containsKey("status"), "a scan of a gone scene creates none");
      assertEquals("1", s.hgetall(s.keys.user("o_first")).get("login_count"));
      assertFalse(s.hgetall(s.keys.user("o_second")).containsKey("login_count"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void aReturningUserIsRecognisedOnTheirNextQrCode(RedisClientType mode, Vertx vertx) {
    try (StoreFixture s = store(vertx, mode)) {
      SceneStore scenes = new SceneStore(s.redis, s.keys);
      String first = SceneStore.newSceneId();
      String second = SceneStore.newSceneId();
      await(scenes.create(first, "T", 60));
      await(scenes.create(second, "T", 60));
      assertEquals(Outcome.NEW_USER, await(scenes.scan(first, "o_back_again", "evt:1")).outcome());
      assertEquals(Outcome.RETURNING_USER, await(scenes.scan(second, "o_back_again", "evt:2")).outcome());
      assertEquals("2", s.hgetall(s.keys.user("o_back_again")).get("login_count"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void theConfirmationIsPublishedToTheNodeHoldingThePoll(RedisClientType mode, Vertx vertx) throws Exception {
    try (StoreFixture s = store(vertx, mode)) {
      SceneStore scenes = new SceneStore(s.redis, s.keys);
      SessionStore sessions = new SessionStore(s.redis, s.keys, 600);
      String scene = SceneStore.newSceneId();
      await(scenes.create(scene, "T", 60));
      poll(scenes, sessions, scene, sessions.mint());
      assertEquals("node-1", s.hgetall(s.keys.scene(scene)).get("node"));

      CompletableFuture<String> published = new CompletableFuture<>();
      // sharded (SSUBSCRIBE/SPUBLISH) in cluster mode, as the node subscribes
      Subscriber subscriber = Subscriber.create(vertx, s.config, s.redis, "test-pubsub",
          List.of(s.keys.nodeChannel("node-1")), (channel, payload) -> published.complete(payload));
      await(subscriber.start());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!subscriber.subscribed() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      await(scenes.scan(scene, "o_published", "evt:p"));
      assertEquals(scene, published.get(10, TimeUnit.SECONDS));
      await(subscriber.close());
    }
  }
}
