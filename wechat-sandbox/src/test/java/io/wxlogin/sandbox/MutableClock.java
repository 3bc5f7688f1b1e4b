package io.wxlogin.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A clock the test moves by hand, so token and QR lifetimes pass without sleeping. */
public final class MutableClock extends Clock {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private volatile Instant now;

  public MutableClock() {
    this(ZonedDateTime.of(2025, 3, 1, 10, 0, 0, 0, ZONE).toInstant());
  }

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public void advanceSeconds(long seconds) {
    advance(Duration.ofSeconds(seconds));
  }

  /** To one second after the next local midnight, when daily quotas start afresh. */
  public void advancePastMidnight() {
    ZonedDateTime next = now.atZone(ZONE).toLocalDate().plusDays(1).atStartOfDay(ZONE).plusSeconds(1);
    now = next.toInstant();
  }

  @Override
  public ZoneId getZone() {
    return ZONE;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the sandbox reads the clock in its own zone");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
