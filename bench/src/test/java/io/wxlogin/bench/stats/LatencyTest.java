package io.wxlogin.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyTest {

  @Test
  void percentilesOfOneToAThousandMicroseconds() {
    Latency l = new Latency();
    for (int us = 1; us <= 1000; us++) {
      l.recordMicros(us);
    }
    assertEquals(1000, l.count());
    assertEquals(500, l.percentileMicros(50), 1);
    assertEquals(990, l.percentileMicros(99), 1);
    assertEquals(1000, l.maxMicros(), 1);
    assertEquals(500.5, l.meanMicros(), 1);
  }

  @Test
  void histogramsFromSeveralWorkersAddUpToOne() {
    Latency a = new Latency();
    Latency b = new Latency();
    for (int i = 0; i < 900; i++) {
      a.recordNanos(150_000);
    }
    for (int i = 0; i < 100; i++) {
      b.recordNanos(400_000_000);
    }
    Latency merged = new Latency();
    merged.add(Latency.decode(a.encode()));
    merged.add(Latency.decode(b.encode()));
    assertEquals(1000, merged.count());
    assertEquals(150, merged.percentileMicros(50), 1);
    assertTrue(merged.percentileMicros(95) >= 399_000);
  }

  @Test
  void anEmptyHistogramReportsZeros() {
    Latency l = Latency.decode(new Latency().encode());
    assertEquals(0, l.count());
    assertEquals(0, l.percentileMicros(99));
    assertEquals(0, l.maxMicros());
  }
}
