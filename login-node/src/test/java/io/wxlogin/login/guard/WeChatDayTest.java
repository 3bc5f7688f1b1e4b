package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WeChatDayTest {

  @Test
  void theDayEndsAtMidnightInBeijingWhateverTheServersZone() {
    GuardRedis.TestClock clock = new GuardRedis.TestClock(Instant.parse("2026-12-01T15:59:59Z"));
    WeChatDay day = new WeChatDay(clock);
    assertEquals("20261201", day.date(), "23:59:59 in Beijing");
    assertEquals(1, day.secondsLeft());
    clock.advanceSeconds(1);
    assertEquals("20261202", day.date(), "00:00:00 in Beijing, 16:00 UTC");
    assertEquals(86_400, day.secondsLeft());
    assertEquals(Instant.parse("2026-12-02T16:00:00Z").getEpochSecond(), day.endEpochSecond());
  }
}
