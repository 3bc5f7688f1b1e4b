package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

  @Test
  void aFloodWritesOneLineAMinutePerReasonAndSaysHowManyWereLeftOut() {
    AtomicLong now = new AtomicLong(1_000_000);
    try (LogLines log = new LogLines("wxlogin.refusal-test")) {
      RefusalLog refusals = new RefusalLog(System.getLogger("wxlogin.refusal-test"), now::get);
      for (int i = 0; i < 1000; i++) {
        refusals.warn("bad_signature", "callback refused: bad signature");
        refusals.warn("rate_limited", "QR refused: rate limited");
      }
      assertEquals(2, log.lines.size(), log.lines.toString());
      now.addAndGet(60_000);
      refusals.warn("bad_signature", "callback refused: bad signature");
      assertEquals(3, log.lines.size());
      assertTrue(log.lines.get(2).contains("999 more like it"), log.lines.get(2));
    }
  }
}
