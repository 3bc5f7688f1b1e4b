package io.wxlogin.sandbox.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** stable_token's force mode: "每天限用20次且需间隔30秒" (wechat-protocol.md §4.2). */
final class ForceRefreshLimit {

  static final int PER_DAY = 20;
  static final Duration SPACING = Duration.ofSeconds(30);

  enum Verdict { REFRESH, TOO_SOON, DAILY_LIMIT }

  private final Clock clock;
  private LocalDate day;
  private int usedToday;
  private Instant last;

  ForceRefreshLimit(Clock clock) {
    this.clock = clock;
  }

  /** Whether a force call now refreshes; a REFRESH verdict is counted against today's 20. */
  Verdict tryForce() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.now(clock);
    if (!today.equals(day)) {
      day = today;
      usedToday = 0;
    }
    if (usedToday >= PER_DAY) {
      return Verdict.DAILY_LIMIT;
    }
    if (last != null && now.isBefore(last.plus(SPACING))) {
      return Verdict.TOO_SOON;
    }
    usedToday++;
    last = now;
    return Verdict.REFRESH;
  }
}
