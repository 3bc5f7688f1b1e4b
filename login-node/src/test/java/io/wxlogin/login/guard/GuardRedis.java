package io.wxlogin.login.guard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.config.Env;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.testing.RedisClusterServer;
import io.wxlogin.testing.RedisServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A real redis-server (or three-master cluster) and a client as the node builds it, for the guard tests. */
final class GuardRedis implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final Redis redis;
  final RedisKeys keys;
  private final AutoCloseable server;

  private GuardRedis(AutoCloseable server, String url, String mode) {
    this.server = server;
    RedisConfig config = RedisConfig.from(new Env(Map.of("REDIS_URL", url, "REDIS_MODE", mode)));
    this.redis = config.client(vertx, "guard-test", 16, 0);
    this.keys = config.keys();
  }

  static GuardRedis standalone() {
    RedisServer s = RedisServer.start();
    return new GuardRedis(s, s.url(), "standalone");
  }

  static GuardRedis cluster() {
    RedisClusterServer s = RedisClusterServer.start();
    return new GuardRedis(s, s.urls(), "cluster");
  }

  <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer from Redis within 10 s", e);
    }
  }

  Response cmd(Command command, String... args) {
    Request r = Request.cmd(command);
    for (String a : args) {
      r.arg(a);
    }
    return await(redis.send(r));
  }

  void flush() {
    if (!keys.multiKeyScripts()) {
      return; // a cluster test uses fresh keys instead
    }
    cmd(Command.FLUSHALL);
  }

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    final AtomicLong millis;

    TestClock(Instant start) {
      millis = new AtomicLong(start.toEpochMilli());
    }

    void advanceSeconds(long s) {
      millis.addAndGet(s * 1000);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      TestClock self = this;
      return new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return zone;
        }

        @Override
        public Clock withZone(java.time.ZoneId z) {
          return self.withZone(z);
        }

        @Override
        public Instant instant() {
          return self.instant();
        }
      };
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @Override
  public void close() throws Exception {
    redis.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    server.close();
  }
}
