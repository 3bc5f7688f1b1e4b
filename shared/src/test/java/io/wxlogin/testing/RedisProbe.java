package io.wxlogin.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a test (or an operator with redis-cli) sees in Redis, read and written from the test thread, on a
 * standalone server or a Redis Cluster. It has its own Vert.x, closed with it.
 */
public class RedisProbe implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final Redis redis;
  private final RedisAPI api;

  /** {@code urls}: one {@code redis://} URL, or a comma-separated list of cluster nodes when {@code cluster}. */
  public RedisProbe(String urls, boolean cluster) {
    RedisOptions options = new RedisOptions().setType(cluster ? RedisClientType.CLUSTER : RedisClientType.STANDALONE);
    List.of(urls.split(",")).forEach(options::addConnectionString);
    redis = Redis.createClient(vertx, options);
    api = RedisAPI.api(redis);
  }

  protected static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Any command, e.g. {@code send(Request.cmd(Command.CLIENT).arg("KILL")...)}. */
  public Response send(Request request) {
    return await(redis.send(request));
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
    List<String> args = new ArrayList<>();
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
  }
}
