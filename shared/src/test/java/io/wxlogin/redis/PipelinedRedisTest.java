package io.wxlogin.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.testing.RedisClusterServer;
import io.wxlogin.testing.RedisSentinelServer;
import io.wxlogin.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelinedRedis} on a real redis-server: commands share one connection and answer in order, and when
 * Redis drops that connection (or a Sentinel failover demotes its server) commands keep being answered.
 */
class PipelinedRedisTest {

  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Response incr(Redis redis, String key) throws Exception {
    return await(redis.send(Request.cmd(Command.INCR).arg(key)));
  }

  /** Connections Redis holds from clients named by our pool, as {@code CLIENT LIST} shows them. */
  private static long clients(int port) {
    return RedisClusterServer.cli(port, "client", "list").lines().filter(l -> !l.contains("cmd=client")).count();
  }

  @Test
  void concurrentCommandsShareOneConnectionAndAnswerInOrder() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      Redis redis = TestRedisConfig.of("standalone", server.url()).commandClient(vertx, "test", 16);
      incr(redis, "n");
      RedisClusterServer.waitUntil(() -> clients(server.port()) >= 2, "the pipelined connection is up");
      List<Future<Response>> all = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        all.add(redis.send(Request.cmd(Command.INCR).arg("n")));
      }
      for (int i = 0; i < all.size(); i++) {
        assertEquals(i + 2, await(all.get(i)).toInteger(), "answer " + i + " is its own command's");
      }
      assertTrue(clients(server.port()) <= 2, "2,000 commands at once used the one connection (plus the pool's"
          + " first): " + RedisClusterServer.cli(server.port(), "client", "list"));
      await(redis.close());
    }
  }

  @Test
  void commandsAreAnsweredAgainRightAfterRedisDropsTheConnection() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      Redis redis = TestRedisConfig.of("standalone", server.url()).commandClient(vertx, "test", 16);
      incr(redis, "k");
      RedisClusterServer.waitUntil(() -> clients(server.port()) >= 2, "the pipelined connection is up");
      int ok = 1;
      for (int round = 0; round < 3; round++) {
        RedisClusterServer.cli(server.port(), "client", "kill", "type", "normal");
        int failed = 0;
        for (int i = 0; i < 50; i++) {
          try {
            incr(redis, "k");
            ok++;
          } catch (java.util.concurrent.ExecutionException e) {
            // as with the pool alone: a command on a connection Redis just closed fails ("Connection is closed")
            failed++;
          }
          Thread.sleep(20);
        }
        assertTrue(failed <= 2, "kill " + round + ": " + failed + " commands failed, then all were answered");
      }
      assertEquals(ok + 1, incr(redis, "k").toInteger(), "each answered command ran once, a failed one not at all");
      await(redis.close());
    }
  }

  @Test
  void aSentinelFailoverMovesTheCommandsToTheNewMaster() throws Exception {
    try (RedisSentinelServer sentinel = RedisSentinelServer.start()) {
      Redis redis = TestRedisConfig.of("sentinel", sentinel.urls()).commandClient(vertx, "test", 4);
      incr(redis, "f");
      int promoted = sentinel.failover();
      RedisClusterServer.waitUntil(() -> {
        try {
          incr(redis, "f");
          return true;
        } catch (Exception e) {
          return false;
        }
      }, "a write succeeds after the failover");
      for (int i = 0; i < 20; i++) {
        incr(redis, "f");
      }
      assertTrue(Integer.parseInt(RedisClusterServer.cli(promoted, "get", "f").strip()) >= 22,
          "the writes went to the promoted master");
      await(redis.close());
    }
  }
}
