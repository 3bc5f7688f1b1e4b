package io.wxlogin.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.wxlogin.config.Env;
import io.wxlogin.testing.RedisClusterServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A sharded subscribe sent to a master that does not own the channel's slot (a stale view of the cluster) is
 * answered {@code -MOVED slot host:port}; the link follows it to the owner and subscribes there.
 */
class PubSubLinkMovedTest {

  @Test
  void aSubscribeAnsweredMovedIsSentAgainWhereRedisSays() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (RedisClusterServer cluster = RedisClusterServer.start()) {
      String channel = "wxlogin:node:moved-probe";
      int any = cluster.masterPorts().get(0);
      int owner = cluster.masterOfSlot(RedisClusterServer.slotOf(any, channel));
      int wrong = cluster.masterPorts().stream().filter(p -> p != owner).findFirst().orElseThrow();
      Env env = new Env(Map.of("REDIS_MODE", "cluster", "REDIS_URL", cluster.urls()));
      RedisConfig config = RedisConfig.from(env);
      AtomicReference<String> movedTo = new AtomicReference<>();
      Set<String> received = ConcurrentHashMap.newKeySet();
      PubSubLink link = new PubSubLink(vertx, List.of(channel), true,
          () -> config.nodeClient(vertx, "probe", movedTo.get() == null ? "127.0.0.1:" + wrong : movedTo.get(), 0)
              .connect(),
          (c, payload) -> received.add(payload), () -> { }, movedTo::set);
      vertx.getOrCreateContext().runOnContext(v -> link.connect());

      RedisClusterServer.waitUntil(link::subscribed, "subscribed after following -MOVED");
      assertEquals("127.0.0.1:" + owner, movedTo.get(), "the -MOVED answer named the slot's owner");
      RedisClusterServer.waitUntil(() -> {
        RedisClusterServer.cli(owner, "spublish", channel, "hello");
        return received.contains("hello");
      }, "a message on the owner's shard arrives");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
