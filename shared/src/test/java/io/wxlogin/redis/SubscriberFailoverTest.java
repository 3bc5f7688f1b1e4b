package io.wxlogin.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.wxlogin.testing.RedisClusterServer;
import io.wxlogin.testing.RedisSentinelServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared {@link Subscriber} on real topologies: sharded pub/sub on a Redis Cluster with replicas that
 * follows a slot migration and a master's death, and classic pub/sub under Sentinel that follows a forced
 * failover. What a login node relies on: after every move the subscriber is told to re-read, and messages
 * published afterwards arrive.
 */
class SubscriberFailoverTest {

  private static final String NODE_CHANNEL = "wxlogin:node:node-a";
  private static final String TOKEN_CHANNEL = "wxlogin:token-updated";

  private Vertx vertx;
  private Context context;
  private final Set<String> received = ConcurrentHashMap.newKeySet();
  private final AtomicInteger resubscribed = new AtomicInteger();

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shardedChannelsFollowASlotMigrationAndAMasterFailover() throws Exception {
    try (RedisClusterServer cluster = RedisClusterServer.start(1)) {
      RedisConfig config = TestRedisConfig.of("cluster", cluster.urls());
      Redis pooled = config.client(vertx, "test", 4, 0);
      Subscriber subscriber = start(config, pooled, List.of(NODE_CHANNEL, TOKEN_CHANNEL));
      assertTrue(subscriber.sharded());
      int any = cluster.masterPorts().get(0);
      int nodeSlot = RedisClusterServer.slotOf(any, NODE_CHANNEL);
      int tokenSlot = RedisClusterServer.slotOf(any, TOKEN_CHANNEL);
      assertNotEquals(cluster.masterOfSlot(nodeSlot), cluster.masterOfSlot(tokenSlot),
          "the two channels live on different shards, so one SSUBSCRIBE could not hold both");
      awaitDelivered(pooled, config, NODE_CHANNEL, "before");
      awaitDelivered(pooled, config, TOKEN_CHANNEL, "before");
      for (int master : cluster.masterPorts()) {
        assertEquals(0, RedisClusterServer.commandCalls(master, "subscribe"), "no classic SUBSCRIBE on " + master);
        assertEquals(0, RedisClusterServer.commandCalls(master, "publish"), "no classic PUBLISH on " + master);
      }
      assertTrue(RedisClusterServer.commandCalls(cluster.masterOfSlot(nodeSlot), "ssubscribe") >= 1);

      int target = cluster.masterPorts().stream().filter(p -> p != cluster.masterOfSlot(nodeSlot)).findFirst()
          .orElseThrow();
      cluster.migrateSlot(nodeSlot, target);
      RedisClusterServer.waitUntil(() -> resubscribed.get() >= 1, "resubscribed after the slot moved");
      awaitDelivered(pooled, config, NODE_CHANNEL, "after-migration");

      int before = resubscribed.get();
      cluster.kill(cluster.masterOfSlot(tokenSlot));
      cluster.awaitSlotServed(tokenSlot);
      RedisClusterServer.waitUntil(() -> resubscribed.get() > before, "resubscribed after the failover");
      awaitDelivered(pooled, config, TOKEN_CHANNEL, "after-failover");
      awaitDelivered(pooled, config, NODE_CHANNEL, "still");
      onContext(subscriber::close);
    }
  }

  @Test
  void classicChannelsFollowASentinelFailover() throws Exception {
    try (RedisSentinelServer sentinel = RedisSentinelServer.start()) {
      RedisConfig config = TestRedisConfig.of("sentinel", sentinel.urls());
      Redis pooled = config.client(vertx, "test", 4, 0);
      Subscriber subscriber = start(config, pooled, List.of(NODE_CHANNEL, TOKEN_CHANNEL));
      awaitDelivered(pooled, config, NODE_CHANNEL, "before");
      int old = sentinel.masterPort();

      int promoted = sentinel.failover();
      assertNotEquals(old, promoted);
      RedisClusterServer.waitUntil(() -> resubscribed.get() >= 1, "resubscribed after the failover");
      awaitDelivered(pooled, config, NODE_CHANNEL, "after-failover");
      awaitDelivered(pooled, config, TOKEN_CHANNEL, "after-failover");
      // the pool writes to the promoted master: the old one is a read-only replica now
      RedisClusterServer.waitUntil(() -> onContextQuietly(() -> pooled.send(
          io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.SET).arg("probe").arg("v"))),
          "a write through the pool succeeds");
      assertEquals("v", RedisClusterServer.cli(promoted, "get", "probe"));
      onContext(subscriber::close);
    }
  }

  private Subscriber start(RedisConfig config, Redis pooled, List<String> channels) throws Exception {
    Subscriber s = Subscriber.create(vertx, config, pooled, "test-pubsub", channels,
        (channel, payload) -> received.add(channel + "=" + payload))
        .onResubscribed(v -> resubscribed.incrementAndGet());
    onContext(() -> s.heartbeat(pooled, channels.get(0), "").start());
    RedisClusterServer.waitUntil(s::subscribed, "subscribed");
    return s;
  }

  /** Publishes until the message arrives: the publisher's own view of the topology may lag for a moment. */
  private void awaitDelivered(Redis pooled, RedisConfig config, String channel, String payload) {
    RedisClusterServer.waitUntil(() -> {
      onContextQuietly(() -> Subscriber.publish(pooled, config.keys(), channel, payload));
      return received.contains(channel + "=" + payload);
    }, channel + " delivers " + payload);
  }

  private <T> T onContext(Supplier<Future<T>> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> action.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  private boolean onContextQuietly(Supplier<Future<?>> action) {
    try {
      onContext(() -> action.get().mapEmpty());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
