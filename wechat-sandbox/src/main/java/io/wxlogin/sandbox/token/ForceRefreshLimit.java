package io.wxlogin.sandbox.token;

import io.wxlogin.sandbox.wxapi.DailyQuota;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** stable_token's force mode: "每天限用20次且需间隔30秒" (docs/wechat.md §4.2). */
final class ForceRefreshLimit {

  static final int PER_DAY = 20;
  static final Duration SPACING = Duration.ofSeconds(30);

  enum Verdict { REFRESH, TOO_SOON, DAILY_LIMIT }

  private final Clock clock;
  private final DailyQuota daily;
  private Instant last;

  ForceRefreshLimit(Clock clock) {
    this.clock = clock;
    this.daily = new DailyQuota(clock, PER_DAY);
  }

  /** Whether a force call now refreshes; only a REFRESH is counted against today's 20. */
  Verdict tryForce() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.plus(SPACING))) {
      return Verdict.TOO_SOON;
    }
    if (!daily.tryUse()) {
      return Verdict.DAILY_LIMIT;
    }
    last = now;
    return Verdict.REFRESH;
  }
}
