package io.wxlogin.token.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.testing.RedisServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a test (or an operator with redis-cli) sees in Redis, read and written from the test thread. */
public final class TestRedis implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final RedisServer server;
  private final Redis redis;
  private final RedisAPI api;

  private TestRedis(RedisServer server) {
    this.server = server;
    redis = Redis.createClient(vertx, server.url());
    api = RedisAPI.api(redis);
  }

  /** A real redis-server of the test's own, and a client to look into it. */
  public static TestRedis start() {
    return new TestRedis(RedisServer.start());
  }

  /** The server, to point replicas at its port or to restart it. */
  public RedisServer server() {
    return server;
  }

  /** The token hash of this test's appid and prefix (empty when none is stored). */
  public Map<String, String> token(TestConfig config) {
    return hgetall(config.keys().token(config.appId));
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, String> hgetall(String key) {
    Response r = await(api.hgetall(key));
    Map<String, String> map = new HashMap<>();
    if (r != null) {
      for (String k : r.getKeys()) {
        map.put(k, r.get(k).toString());
      }
    }
    return map;
  }

  public String get(String key) {
    Response r = await(api.get(key));
    return r == null ? null : r.toString();
  }

  public long pttl(String key) {
    return await(api.pttl(key)).toLong();
  }

  public void set(String key, String value, long pxMs) {
    await(api.set(List.of(key, value, "PX", Long.toString(pxMs))));
  }

  public void hset(String key, String... fieldsAndValues) {
    List<String> args = new java.util.ArrayList<>();
    args.add(key);
    args.addAll(List.of(fieldsAndValues));
    await(api.hset(args));
  }

  public void del(String key) {
    await(api.del(List.of(key)));
  }

  public long publish(String channel, String message) {
    return await(api.publish(channel, message)).toLong();
  }

  /** Messages on {@code channel} from now on, over a dedicated connection closed with this object. */
  public BlockingQueue<String> subscribe(String channel) {
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    RedisConnection c = await(redis.connect());
    c.handler(push -> {
      if (push.size() == 3 && "message".equals(push.get(0).toString())) {
        messages.add(push.get(2).toString());
      }
    });
    await(c.send(Request.cmd(Command.SUBSCRIBE).arg(channel)));
    long deadline = System.currentTimeMillis() + 5_000;
    while (subscribers(channel) == 0 && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    return messages;
  }

  /** How many connections are subscribed to {@code channel}. */
  public long subscribers(String channel) {
    return await(api.pubsub(List.of("NUMSUB", channel))).get(1).toLong();
  }

  @Override
  public void close() {
    redis.close();
    vertx.close();
    server.close();
  }
}
