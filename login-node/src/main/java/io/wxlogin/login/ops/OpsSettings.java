package io.wxlogin.login.ops;

import io.wxlogin.config.Env;
import io.wxlogin.redis.RedisConfig;

/**
 * What the ops command reads from the environment: the node's Redis variables, and for {@code quota} the daily
 * allowance and (optionally) the node's appid, so that a day with no QR code yet still shows a row.
 */
record OpsSettings(RedisConfig redis, int qrDailyQuota, String appId) {

  static final int DEFAULT_QR_DAILY_QUOTA = 100_000;

  static OpsSettings from(Env env) {
    RedisConfig redis = RedisConfig.from(env);
    int quota = env.integer("QR_DAILY_QUOTA", DEFAULT_QR_DAILY_QUOTA, 1, 1_000_000_000);
    String appId = env.string("WECHAT_APP_ID", null);
    env.check();
    return new OpsSettings(redis, quota, appId);
  }
}
