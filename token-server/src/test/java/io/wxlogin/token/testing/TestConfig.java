package io.wxlogin.token.testing;

import io.wxlogin.config.Env;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.token.TokenApi;
import io.wxlogin.token.TokenServerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A token-server configuration with test-sized intervals; each build gets its own Redis key prefix. */
public final class TestConfig {

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  public String prefix = "t" + PREFIXES.incrementAndGet() + ":";
  public String apiBase;
  public String appId;
  public String appSecret;
  public TokenApi tokenApi = TokenApi.STABLE;
  public Duration ahead = Duration.ofSeconds(3);
  public Duration lease = Duration.ofMillis(1500);
  public Duration apiTimeout = Duration.ofSeconds(2);
  public Duration slowRetry = Duration.ofSeconds(1);
  public Duration busyRetryBase = Duration.ofMillis(100);

  public TestConfig(String apiBase, String appId, String appSecret) {
    this.apiBase = apiBase;
    this.appId = appId;
    this.appSecret = appSecret;
  }

  /** The key names a replica with this configuration uses (standalone Redis). */
  public RedisKeys keys() {
    return new RedisKeys(prefix, false);
  }

  public TestConfig tokenApi(TokenApi api) {
    this.tokenApi = api;
    return this;
  }

  public TestConfig ahead(Duration d) {
    this.ahead = d;
    return this;
  }

  public TestConfig lease(Duration d) {
    this.lease = d;
    return this;
  }

  public TestConfig busyRetryBase(Duration d) {
    this.busyRetryBase = d;
    return this;
  }

  /** Read from the environment a replica would get, as in production, then with this test's intervals. */
  public TokenServerConfig build(String redisUrl, String serverId) {
    Map<String, String> env = Map.of("HTTP_PORT", "0", "REDIS_URL", redisUrl, "REDIS_KEY_PREFIX", prefix,
        "WECHAT_APP_ID", appId, "WECHAT_APP_SECRET", appSecret, "WECHAT_API_BASE", apiBase,
        "TOKEN_API", tokenApi.name(), "TOKEN_SERVER_ID", serverId, "MANAGEMENT_PORT", "0");
    return TokenServerConfig.from(new Env(env))
        .withTimings(new TokenServerConfig.Timings(ahead, lease, apiTimeout, slowRetry, busyRetryBase));
  }
}
