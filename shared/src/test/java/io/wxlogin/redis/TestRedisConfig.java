package io.wxlogin.redis;

import io.wxlogin.config.Env;
import io.wxlogin.testing.RedisSentinelServer;
import java.util.Map;

/** A {@link RedisConfig} read from the variables a server would be given, as in production. */
final class TestRedisConfig {

  private TestRedisConfig() {
  }

  /** {@code mode}: standalone, sentinel or cluster; {@code urls}: REDIS_URL (the sentinel master is the fixture's). */
  static RedisConfig of(String mode, String urls) {
    Env env = new Env(Map.of("REDIS_MODE", mode, "REDIS_URL", urls, "REDIS_SENTINEL_MASTER",
        RedisSentinelServer.MASTER_NAME));
    RedisConfig config = RedisConfig.from(env);
    env.check();
    return config;
  }
}
