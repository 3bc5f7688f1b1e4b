package io.wxlogin.login.guard;

import io.wxlogin.config.Env;
import io.wxlogin.server.ManagementConfig;
import java.util.regex.Pattern;

/**
 * The login node's protective limits, read from the environment with the defaults and reasons of
 * docs/security.md.
 *
 * @param qrBudgetMs how long one QR request may spend on WeChat, retries of {@code -1} included
 */
public record GuardConfig(
    ClientAddress clientAddress,
    int dailyQuota,
    QrRateLimiter.Limits qrLimits,
    int quotaProbeSeconds,
    int qrInFlightMax,
    long qrBudgetMs,
    int pollsPerAddress,
    int pollsPerScene,
    ConnectionGuard.Limits connections,
    int callbackWindowSeconds,
    boolean requireAes,
    ManagementConfig management) {

  private static final Pattern BOOLEAN = Pattern.compile("true|false");

  /** {@code aesKeySet}: whether {@code WECHAT_AES_KEY} is set, which {@code WECHAT_REQUIRE_AES=true} needs. */
  public static GuardConfig from(Env env, boolean aesKeySet) {
    ClientAddress clients = ClientAddress.trusting("");
    try {
      clients = ClientAddress.trusting(env.string("TRUSTED_PROXIES", ""));
    } catch (IllegalArgumentException e) {
      env.problem("TRUSTED_PROXIES is invalid: " + Env.shown(e.getMessage()));
    }
    int quota = env.integer("QR_DAILY_QUOTA", 100_000, 1, 1_000_000_000);
    QrRateLimiter.Limits limits = qrLimits(env, quota);
    int probe = env.integer("QR_QUOTA_PROBE_SECONDS", 300, 1, 86_400);
    int inFlight = env.integer("QR_CREATE_IN_FLIGHT_MAX", 64, 1, 100_000);
    int budget = env.integer("QR_CREATE_BUDGET_MS", 6_000, 200, 60_000);
    int pollsAddress = env.integer("POLLS_PER_ADDRESS_MAX", 500, 1, 1_000_000);
    int pollsScene = env.integer("POLLS_PER_SCENE_MAX", 4, 1, 1_000);
    ConnectionGuard.Limits connections = connections(env);
    int window = env.integer("WECHAT_CALLBACK_WINDOW_SECONDS", 300, 10, 86_400);
    boolean requireAes = "true".equals(env.matching("WECHAT_REQUIRE_AES", "false", BOOLEAN, "true or false"));
    if (requireAes && !aesKeySet) {
      env.problem("WECHAT_REQUIRE_AES=true refuses plaintext callbacks, but WECHAT_AES_KEY is not set: set the "
          + "EncodingAESKey from the WeChat console (safe mode) or leave WECHAT_REQUIRE_AES unset");
    }
    ManagementConfig management = ManagementConfig.from(env, 9080);
    return new GuardConfig(clients, quota, limits, probe, inFlight, budget, pollsAddress, pollsScene, connections,
        window, requireAes, management);
  }

  private static QrRateLimiter.Limits qrLimits(Env env, int quota) {
    QrRateLimiter.Limits d = QrRateLimiter.Limits.defaults(quota);
    return new QrRateLimiter.Limits(
        env.integer("QR_PER_ADDRESS_PER_MINUTE", d.perAddressPerMinute(), 0, 1_000_000),
        env.integer("QR_PER_ADDRESS_PER_DAY", d.perAddressPerDay(), 0, 1_000_000_000),
        env.integer("QR_PER_SUBNET_PER_MINUTE", d.perSubnetPerMinute(), 0, 1_000_000),
        env.integer("QR_PER_SUBNET_PER_DAY", d.perSubnetPerDay(), 0, 1_000_000_000));
  }

  private static ConnectionGuard.Limits connections(Env env) {
    return new ConnectionGuard.Limits(
        env.integer("CONNECTIONS_PER_ADDRESS_MAX", 1_000, 1, 1_000_000),
        env.integer("CONNECTIONS_MAX", ConnectionGuard.Limits.defaultPerNode(), 1, 1_000_000),
        1_000L * env.integer("HTTP_HEADER_TIMEOUT_SECONDS", 10, 1, 3_600),
        1_000L * env.integer("HTTP_BODY_TIMEOUT_SECONDS", 10, 1, 3_600),
        1_000L * env.integer("HTTP_KEEPALIVE_IDLE_SECONDS", 30, 1, 3_600));
  }
}
