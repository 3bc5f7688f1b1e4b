package io.wxlogin.login.guard;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The account's daily {@code qrcode/create} allowance (100,000 a day, 10,000 on a test account), counted in
 * Redis per appid and WeChat day for all nodes. Once it is spent, by our count or by WeChat's 45009, QR codes
 * are refused until the day ends in Beijing, except one probe call every few minutes from any node, which
 * lifts the refusal if WeChat creates a code again (an operator may reset the quota in the console).
 */
public final class QrQuota {

  private static final System.Logger LOG = System.getLogger("wxlogin.quota");
  private static final LuaScript TAKE = LuaScript.load(QrQuota.class, "quota-take.lua");
  private static final LuaScript SPENT = LuaScript.load(QrQuota.class, "quota-spent.lua");

  private final Redis redis;
  private final RedisKeys keys;
  private final String appId;
  private final int dailyQuota;
  private final long probeMillis;
  private final WeChatDay day;
  private final long warnAt80;
  private final long warnAt95;
  private volatile long usedToday;
  private volatile boolean spent;

  public QrQuota(Redis redis, RedisKeys keys, String appId, int dailyQuota, int probeSeconds, WeChatDay day,
      MeterRegistry registry) {
    this.redis = redis;
    this.keys = keys;
    this.appId = appId;
    this.dailyQuota = dailyQuota;
    this.probeMillis = probeSeconds * 1000L;
    this.day = day;
    this.warnAt80 = (long) Math.ceil(dailyQuota * 0.80);
    this.warnAt95 = (long) Math.ceil(dailyQuota * 0.95);
    Gauge.builder("wxlogin_qr_quota_used", this, q -> q.usedToday)
        .description("qrcode/create calls counted today (WeChat's day, Asia/Shanghai), as this node last saw")
        .register(registry);
    Gauge.builder("wxlogin_qr_quota_limit", this, q -> q.dailyQuota)
        .description("QR_DAILY_QUOTA").register(registry);
    Gauge.builder("wxlogin_qr_quota_exhausted", this, q -> q.spent ? 1 : 0)
        .description("1 while the day's QR quota is spent and QR codes are refused").register(registry);
  }

  /** Counts one {@code qrcode/create}, or refuses it while the quota is spent. */
  public Future<Permit> take() {
    return TAKE.run(redis, keys(), args()).map(r -> permit(r.get(0).toInteger(), r.get(1).toLong()));
  }

  /** The day's count, the quota state and the probe lease, in the order of lib/quota-take.lua. */
  List<String> keys() {
    return List.of(keys.qrQuota(appId, day.date()), keys.qrQuotaState(appId), keys.qrQuotaProbe(appId));
  }

  /** The quota, the day's end and the probe interval, in the order of lib/quota-take.lua. */
  List<String> args() {
    return List.of(String.valueOf(dailyQuota), String.valueOf(day.endEpochSecond()), String.valueOf(probeMillis));
  }

  /** The permit of the script's answer {verdict, count}; keeps the gauges' figures and logs a spent quota. */
  Permit permit(int verdict, long count) {
    usedToday = count;
    spent = verdict == 0 || verdict == 3;
    if (verdict == 3) {
      LOG.log(System.Logger.Level.WARNING, "QR quota spent: " + dailyQuota + " qrcode/create calls today for "
          + appId + " (QR_DAILY_QUOTA); login QR codes are refused until 00:00 Asia/Shanghai, in "
          + hours(day.secondsLeft()) + ", with one probe call every " + probeMillis / 1000 + " s");
    } else if (usedToday == warnAt80 || usedToday == warnAt95) {
      LOG.log(System.Logger.Level.WARNING, "QR quota: " + (usedToday == warnAt80 ? 80 : 95) + " % of today's "
          + dailyQuota + " qrcode/create calls used for " + appId + " (QR_DAILY_QUOTA; the day ends at 00:00 "
          + "Asia/Shanghai, in " + hours(day.secondsLeft()) + ")");
    }
    return switch (verdict) {
      case 1 -> Permit.ALLOWED;
      case 2 -> Permit.PROBE;
      default -> Permit.SPENT;
    };
  }

  /** WeChat answered 45009: no more calls today, for every node; one operator line from the node that saw it first. */
  public Future<Void> spentByWeChat() {
    spent = true;
    return SPENT.run(redis, List.of(keys.qrQuotaState(appId), keys.qrQuotaProbe(appId)),
        List.of(String.valueOf(day.endEpochSecond()), String.valueOf(probeMillis))).map(r -> {
          if (r.toInteger() == 1) {
            LOG.log(System.Logger.Level.WARNING, "WeChat answered 45009 (daily quota reached) to qrcode/create for "
                + appId + " after " + usedToday + " calls counted today: login QR codes are refused until 00:00 "
                + "Asia/Shanghai, in " + hours(day.secondsLeft()) + ", with one probe call every "
                + probeMillis / 1000 + " s");
          }
          return null;
        });
  }

  /** The probe call created a QR code: WeChat has quota again today, stop refusing. */
  public Future<Void> probeSucceeded() {
    spent = false;
    return redis.send(Request.cmd(Command.SET).arg(keys.qrQuotaState(appId)).arg("lifted").arg("XX")
            .arg("EXAT").arg(day.endEpochSecond()).arg("GET"))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(old -> {
          if (old != null && !"lifted".equals(old.toString())) {
            LOG.log(System.Logger.Level.WARNING, "QR quota: the probe call created a QR code for " + appId
                + ", so WeChat has quota again; QR codes are served again");
          }
          return null;
        });
  }

  /** Re-reads the day's figures for the gauges, for a node that creates few QR codes itself. */
  public Future<Void> refresh() {
    return redis.send(Request.cmd(Command.GET).arg(keys.qrQuota(appId, day.date())))
        .compose(count -> redis.send(Request.cmd(Command.GET).arg(keys.qrQuotaState(appId)))
            .map(exists -> {
              usedToday = count == null ? 0 : count.toLong();
              spent = exists != null && !"lifted".equals(exists.toString());
              return (Void) null;
            }))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Seconds until WeChat's day ends: the {@code Retry-After} of a refusal. */
  public long retryAfterSeconds() {
    return day.secondsLeft();
  }

  public long usedToday() {
    return usedToday;
  }

  private static String hours(long seconds) {
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  /** What a QR request may do: call WeChat, call WeChat as the probe (report how it went), or be refused. */
  public enum Permit { ALLOWED, PROBE, SPENT }
}
