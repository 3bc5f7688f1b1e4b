package io.wxlogin.login.guard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * WeChat's day: its daily API quotas reset at midnight in Beijing (Asia/Shanghai, UTC+8, no daylight saving),
 * whatever the server's own time zone. Daily QR limits and the quota count follow the same day.
 */
public final class WeChatDay {

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final Clock clock;

  public WeChatDay(Clock clock) {
    this.clock = clock;
  }

  public static WeChatDay system() {
    return new WeChatDay(Clock.systemUTC());
  }

  public long nowMillis() {
    return clock.millis();
  }

  /** Today's date in Beijing as {@code yyyymmdd}. */
  public String date() {
    return LocalDate.now(clock.withZone(BEIJING)).format(DATE);
  }

  /** The epoch second at which today's WeChat day ends (the next midnight in Beijing). */
  public long endEpochSecond() {
    LocalDate today = LocalDate.now(clock.withZone(BEIJING));
    return today.plusDays(1).atStartOfDay(BEIJING).toEpochSecond();
  }

  /** Whole seconds until the WeChat day ends, at least 1: what a {@code Retry-After} says. */
  public long secondsLeft() {
    return Math.max(1, endEpochSecond() - Instant.now(clock).getEpochSecond());
  }
}
