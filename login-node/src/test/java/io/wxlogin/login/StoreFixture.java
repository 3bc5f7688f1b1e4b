package io.wxlogin.login;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.testing.RedisModes;
import io.wxlogin.testing.RedisProbe;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A login node's Redis for handler-level tests: the production client and key names on a real redis-server or
 * Redis Cluster (from {@link RedisModes}), a fresh key prefix per fixture, and a probe to see what is stored.
 */
public final class StoreFixture implements AutoCloseable {

  public final RedisConfig config;
  public final RedisKeys keys;
  public final Redis redis;
  private final RedisProbe probe;

  public StoreFixture(Vertx vertx, RedisModes modes, RedisClientType mode) {
    config = modes.config(mode);
    keys = config.keys();
    redis = config.client(vertx, "test", 4, 0);
    probe = new RedisProbe(modes.urls(mode), mode == RedisClientType.CLUSTER);
  }

  public Map<String, String> hgetall(String key) {
    return probe.hgetall(key);
  }

  public RedisProbe probe() {
    return probe;
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    redis.close();
    probe.close();
  }
}
