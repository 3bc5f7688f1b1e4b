package io.wxlogin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void sourceAddressRangesExpand() {
    BenchOptions o = BenchOptions.parse(new String[] {"--addresses", "127.0.0.2-127.0.0.5"});
    assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"), o.addresses());
  }

  @Test
  void pidsAreNamed() {
    BenchOptions o = BenchOptions.parse(new String[] {"--pids", "redis-server=10,login-node-1=12"});
    assertEquals(Map.of("redis-server", 10L, "login-node-1", 12L), o.pids());
  }

  @Test
  void quickShortensPhasesAndLaterOptionsStillWin() {
    BenchOptions o = BenchOptions.parse(new String[] {"--quick", "--pending", "50"});
    assertEquals(true, o.quick());
    assertEquals("50", o.get("pending"));
    assertEquals("6", o.get("latency-seconds"));
  }

  @Test
  void unknownOptionsAndModesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--nope", "1"}));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--mode", "sometimes"}));
  }
}
