package io.wxlogin.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisInfoTest {

  private static final String BEFORE = "# Commandstats\r\n"
      + "cmdstat_evalsha:calls=10,usec=80,usec_per_call=8.00,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_hset:calls=20,usec=25,usec_per_call=1.25,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_config|resetstat:calls=1,usec=36,usec_per_call=36.00,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_info:calls=5,usec=1,usec_per_call=0.2,rejected_calls=0,failed_calls=0\r\n";
  private static final String AFTER = BEFORE.replace("evalsha:calls=10", "evalsha:calls=17")
      .replace("hset:calls=20", "hset:calls=34").replace("info:calls=5", "info:calls=9")
      + "cmdstat_publish:calls=1,usec=3,usec_per_call=3.00,rejected_calls=0,failed_calls=0\r\n";

  @Test
  void readsCallsPerCommandLeavingOutTheBenchsOwnInfo() {
    Map<String, Long> calls = RedisInfo.parseCommandStats(BEFORE);
    assertEquals(Map.of("evalsha", 10L, "hset", 20L, "config|resetstat", 1L), calls);
  }

  @Test
  void deltaKeepsOnlyWhatChanged() {
    Map<String, Long> d = RedisInfo.delta(RedisInfo.parseCommandStats(BEFORE), RedisInfo.parseCommandStats(AFTER));
    assertEquals(Map.of("evalsha", 7L, "hset", 14L, "publish", 1L), d);
  }

  @Test
  void prometheusSamplesOfTheHeapAreSummed() {
    String text = "# HELP jvm_memory_used_bytes The amount of used memory\n"
        + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 2.097152E7\n"
        + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 8157184.0\n"
        + "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 2.3736104E7\n"
        + "wxlogin_polls_parked 1234.0\n";
    assertEquals(2.097152E7 + 8157184.0, NodeProbe.sum(text, "jvm_memory_used_bytes{", "area=\"heap\""), 1e-6);
    assertEquals(1234.0, NodeProbe.sum(text, "wxlogin_polls_parked", ""), 1e-9);
  }
}
