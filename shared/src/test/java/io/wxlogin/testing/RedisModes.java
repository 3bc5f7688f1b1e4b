package io.wxlogin.testing;

import io.vertx.redis.client.RedisClientType;
import io.wxlogin.redis.RedisConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A standalone redis-server and a three-master Redis Cluster for one test class, each started on first use
 * and shared by the class's tests (a cluster takes seconds to form); each {@link #config} gets its own key
 * prefix, so tests never see each other's keys. Parameterise a test with
 * {@code @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})}.
 */
public final class RedisModes implements AutoCloseable {

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private RedisServer standalone;
  private RedisClusterServer cluster;

  /** A configuration as {@code RedisConfig.from} would read it for {@code mode}, on this class's server. */
  public synchronized RedisConfig config(RedisClientType mode) {
    String prefix = "t" + PREFIXES.incrementAndGet() + ":";
    return new RedisConfig(List.of(urls(mode).split(",")), mode, prefix, "mymaster");
  }

  /** The {@code REDIS_URL} of {@code mode}'s server. */
  public synchronized String urls(RedisClientType mode) {
    if (mode == RedisClientType.CLUSTER) {
      if (cluster == null) {
        cluster = RedisClusterServer.start();
      }
      return cluster.urls();
    }
    if (mode != RedisClientType.STANDALONE) {
      throw new IllegalArgumentException("standalone or cluster");
    }
    if (standalone == null) {
      standalone = RedisServer.start();
    }
    return standalone.url();
  }

  @Override
  public synchronized void close() {
    if (standalone != null) {
      standalone.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
