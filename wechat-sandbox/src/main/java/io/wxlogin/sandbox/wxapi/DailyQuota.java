package io.wxlogin.sandbox.wxapi;

import java.time.Clock;
import java.time.LocalDate;

/** A per-day call budget that starts afresh at local midnight, like WeChat's API quotas (§4.3). */
public final class DailyQuota {

  private final Clock clock;
  private final int limit;
  private LocalDate day;
  private int used;

  public DailyQuota(Clock clock, int limit) {
    this.clock = clock;
    this.limit = limit;
  }

  /** Takes one call from today's budget; false (and nothing taken) when it is used up. */
  public boolean tryUse() {
    LocalDate today = LocalDate.now(clock);
    if (!today.equals(day)) {
      day = today;
      used = 0;
    }
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }
}
