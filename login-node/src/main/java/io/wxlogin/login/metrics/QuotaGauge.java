package io.wxlogin.login.metrics;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * {@code wxlogin_qr_quota_used}: the day's {@code qrcode/create} count every node adds to in Redis, re-read every
 * few seconds (a gauge is read at scrape time, when no Redis call may be waited for). Registered only when the
 * quota guard has not registered its own gauge of that name.
 */
public final class QuotaGauge {

  private static final long EVERY_MS = 5_000;
  private static final ZoneId WECHAT_DAY = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;
  private final String appId;
  private volatile double used = Double.NaN;
  private long timer = -1;

  public QuotaGauge(Vertx vertx, Redis redis, RedisKeys keys, String appId) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = keys;
    this.appId = appId;
  }

  /** Registers the gauge (unless present) and starts re-reading the count. */
  public void start(LoginMeters meters) {
    if (meters.quotaUsedIfAbsent(() -> used)) {
      refresh();
      timer = vertx.setPeriodic(EVERY_MS, id -> refresh());
    }
  }

  private void refresh() {
    String day = DAY.format(Instant.now().atZone(WECHAT_DAY));
    redis.send(Request.cmd(Command.GET).arg(keys.qrQuota(appId, day)))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        // an unreadable count keeps the last one: Redis being down is on other figures already
        .onSuccess(r -> used = r == null ? 0 : r.toLong());
  }

  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
