package io.wxlogin.token;

import io.wxlogin.config.Env;
import io.wxlogin.config.WeChatIdentity;
import io.wxlogin.redis.RedisConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Everything the token-server is told, read from the environment by {@link #from(Env)}. Tests build the
 * record directly with sub-second intervals. {@link #toString()} never shows the AppSecret.
 *
 * @param refreshAhead      refresh when less than this remains (capped at half the token's lifetime)
 * @param leaseTime         how long a lease lasts without renewal: the longest a dead holder blocks a standby
 * @param serverId          this replica's name in the lease and in {@code refreshed_by}
 * @param apiTimeout        hard deadline of one WeChat call
 * @param slowRetry         the retry interval after a configuration or quota error
 * @param busyRetryBase     first backoff step after {@code -1} or no answer; doubles up to {@link #BUSY_RETRY_CAP}
 */
public record TokenServerConfig(int httpPort, RedisConfig redis, String appId, String appSecret, String apiBase,
    TokenApi tokenApi, Duration refreshAhead, Duration leaseTime, String serverId, Duration apiTimeout,
    Duration slowRetry, Duration busyRetryBase) {

  public static final Duration BUSY_RETRY_CAP = Duration.ofSeconds(32);
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  public static TokenServerConfig from(Env env) {
    int port = env.integer("HTTP_PORT", 8081, 0, 65535);
    RedisConfig redis = RedisConfig.from(env);
    String appId = WeChatIdentity.appId(env);
    String secret = env.required("WECHAT_APP_SECRET",
        "the Official Account's AppSecret (开发者密码); only the token-server reads it");
    String apiBase = WeChatIdentity.apiBase(env);
    TokenApi api = env.choice("TOKEN_API", TokenApi.STABLE, TokenApi.class);
    int ahead = env.integer("TOKEN_REFRESH_AHEAD_SECONDS", 300, 0, 7200);
    int lease = env.integer("TOKEN_LEASE_SECONDS", 15, 3, 600);
    String serverId = env.matching("TOKEN_SERVER_ID", null, SERVER_ID,
        "must be 1-100 letters, digits or _ . : -");
    int apiTimeoutMs = env.integer("WECHAT_API_TIMEOUT_MS", 5000, 100, 60_000);
    int slowRetry = env.integer("TOKEN_CONFIG_RETRY_SECONDS", 60, 1, 86_400);
    env.check();
    return new TokenServerConfig(port, redis, appId, secret, apiBase, api, Duration.ofSeconds(ahead),
        Duration.ofSeconds(lease), serverId == null ? defaultServerId() : serverId, Duration.ofMillis(apiTimeoutMs),
        Duration.ofSeconds(slowRetry), Duration.ofSeconds(1));
  }

  /** Host name plus a random suffix, so two replicas on one host (or a restarted one) never share a lease. */
  static String defaultServerId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "token-server";
      }
    }
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    return host.replaceAll("[^A-Za-z0-9_.:-]", "-") + "-" + HexFormat.of().formatHex(suffix);
  }

  public TokenServerConfig withServerId(String id) {
    return new TokenServerConfig(httpPort, redis, appId, appSecret, apiBase, tokenApi, refreshAhead, leaseTime, id,
        apiTimeout, slowRetry, busyRetryBase);
  }

  @Override
  public String toString() {
    return "TokenServerConfig[port=" + httpPort + ", redis=" + redis.describe() + ", appId=" + appId
        + ", apiBase=" + apiBase + ", tokenApi=" + tokenApi + ", refreshAhead=" + refreshAhead + ", lease="
        + leaseTime + ", serverId=" + serverId + ", apiTimeout=" + apiTimeout + ", slowRetry=" + slowRetry + "]";
  }
}
