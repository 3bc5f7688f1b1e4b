package io.wxlogin.token;

import io.wxlogin.config.Env;
import io.wxlogin.config.InstanceId;
import io.wxlogin.config.Secret;
import io.wxlogin.config.WeChatIdentity;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.server.ManagementConfig;
import io.wxlogin.token.keys.KeysConfig;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Everything the token-server is told, read from the environment by {@link #from(Env)}. Tests read the same
 * environment and then set sub-second {@link Timings}. The AppSecret is a {@link Secret}, so
 * {@code toString} never shows it.
 *
 * @param serverId this replica's name in the lease and in {@code refreshed_by}
 * @param management where {@code /ready}, {@code /metrics} and {@code /api/tokens} are served (never the public port)
 * @param signingKeys the OIDC signing-key keeper's settings, or null when {@code OIDC_KEYS_SECRET} is unset
 */
public record TokenServerConfig(int httpPort, RedisConfig redis, String appId, Secret appSecret, String apiBase,
    TokenApi tokenApi, String serverId, Timings timings, ManagementConfig management, KeysConfig signingKeys) {

  public static final Duration BUSY_RETRY_CAP = Duration.ofSeconds(32);
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  /**
   * How the refresh loop paces itself.
   *
   * @param refreshAhead  refresh when less than this remains (capped at half the token's lifetime)
   * @param leaseTime     how long a lease lasts without renewal: the longest a dead holder blocks a standby
   * @param apiTimeout    hard deadline of one WeChat call
   * @param slowRetry     the retry interval after a configuration or quota error
   * @param busyRetryBase first backoff step after {@code -1} or no answer; doubles up to {@link #BUSY_RETRY_CAP}
   */
  public record Timings(Duration refreshAhead, Duration leaseTime, Duration apiTimeout, Duration slowRetry,
      Duration busyRetryBase) {

    static Timings from(Env env) {
      return new Timings(
          Duration.ofSeconds(env.integer("TOKEN_REFRESH_AHEAD_SECONDS", 300, 0, 7200)),
          Duration.ofSeconds(env.integer("TOKEN_LEASE_SECONDS", 15, 3, 600)),
          Duration.ofMillis(env.integer("WECHAT_API_TIMEOUT_MS", 5000, 100, 60_000)),
          Duration.ofSeconds(env.integer("TOKEN_CONFIG_RETRY_SECONDS", 60, 1, 86_400)),
          Duration.ofSeconds(1));
    }
  }

  public static TokenServerConfig from(Env env) {
    int port = env.integer("HTTP_PORT", 8081, 0, 65535);
    RedisConfig redis = RedisConfig.from(env);
    String appId = WeChatIdentity.appId(env);
    String secret = env.required("WECHAT_APP_SECRET",
        "the Official Account's AppSecret (开发者密码); only the token-server reads it");
    String apiBase = WeChatIdentity.apiBase(env);
    TokenApi api = env.choice("TOKEN_API", TokenApi.STABLE, TokenApi.class);
    Timings timings = Timings.from(env);
    String serverId = env.matching("TOKEN_SERVER_ID", null, SERVER_ID, "must be 1-100 letters, digits or _ . : -");
    ManagementConfig management = ManagementConfig.from(env, 9081);
    KeysConfig keys = KeysConfig.from(env);
    env.check();
    return new TokenServerConfig(port, redis, appId, Secret.of(secret), apiBase, api,
        serverId == null ? InstanceId.random("token-server") : serverId, timings, management, keys);
  }

  public TokenServerConfig withServerId(String id) {
    return new TokenServerConfig(httpPort, redis, appId, appSecret, apiBase, tokenApi, id, timings, management,
        signingKeys);
  }

  public TokenServerConfig withTimings(Timings t) {
    return new TokenServerConfig(httpPort, redis, appId, appSecret, apiBase, tokenApi, serverId, t, management,
        signingKeys);
  }

  /** The same configuration keeping the OIDC signing keys with {@code keys} (null: not at all). */
  public TokenServerConfig withSigningKeys(KeysConfig keys) {
    return new TokenServerConfig(httpPort, redis, appId, appSecret, apiBase, tokenApi, serverId, timings, management,
        keys);
  }
}
