package io.wxlogin.login.guard;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisKeys;
import java.util.List;

/**
 * How many QR codes one client may have created: per address and per subnet (IPv4 /24, IPv6 /64), each per
 * minute and per WeChat day, shared by every node through Redis. One script per request checks and counts all
 * four windows (docs/security.md, "QR rate limits"); a request over any limit is counted nowhere and costs no
 * WeChat call.
 */
public final class QrRateLimiter {

  private static final LuaScript SCRIPT = LuaScript.load(QrRateLimiter.class, "qr-rate.lua");
  private static final String[] WINDOWS = {"", "address_minute", "address_day", "subnet_minute", "subnet_day"};
  private static final int MINUTE_SECONDS = 60;

  private final Redis redis;
  private final RedisKeys keys;
  private final Limits limits;
  private final WeChatDay day;

  public QrRateLimiter(Redis redis, RedisKeys keys, Limits limits, WeChatDay day) {
    this.redis = redis;
    this.keys = keys;
    this.limits = limits;
    this.day = day;
  }

  /** Counts one QR code for {@code address}, or answers which limit it is over and for how long. */
  public Future<Verdict> take(String address) {
    return SCRIPT.run(redis, keys(address), args()).map(r -> verdict(r, 0));
  }

  /** The four windows' keys of {@code address}, in the order of lib/qr-rate.lua. */
  List<String> keys(String address) {
    String subnet = ClientAddress.subnet(address);
    return List.of(
        keys.qrLimitAddress(subnet, address, "m"), keys.qrLimitAddress(subnet, address, "d"),
        keys.qrLimitSubnet(subnet, "m"), keys.qrLimitSubnet(subnet, "d"));
  }

  /** The limits and windows, in the order of lib/qr-rate.lua. */
  List<String> args() {
    return List.of(
        String.valueOf(limits.perAddressPerMinute()), String.valueOf(limits.perAddressPerDay()),
        String.valueOf(limits.perSubnetPerMinute()), String.valueOf(limits.perSubnetPerDay()),
        String.valueOf(MINUTE_SECONDS), String.valueOf(day.endEpochSecond()));
  }

  /** The verdict in a script's answer {allowed, retry-after, window}, starting at {@code from}. */
  static Verdict verdict(Response r, int from) {
    return r.get(from).toInteger() == 1
        ? Verdict.ALLOWED
        : new Verdict(false, r.get(from + 1).toLong(), WINDOWS[r.get(from + 2).toInteger()]);
  }

  /** The four ceilings; 0 switches one off. */
  public record Limits(int perAddressPerMinute, int perAddressPerDay, int perSubnetPerMinute, int perSubnetPerDay) {

    /**
     * The defaults of docs/security.md: an address may spend 1 % of the day's quota, a subnet 5 %, and each a
     * burst of 30 (address) or 120 (subnet) a minute.
     */
    public static Limits defaults(int dailyQuota) {
      return new Limits(30, Math.max(1, dailyQuota / 100), 120, Math.max(1, dailyQuota / 20));
    }
  }

  /** Allowed, or refused with the seconds until the full window frees up and its name (for metrics). */
  public record Verdict(boolean allowed, long retryAfterSeconds, String window) {
    static final Verdict ALLOWED = new Verdict(true, 0, "");
  }
}
