package io.wxlogin.bench.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time used by a named set of processes between two moments. */
public final class CpuMeter {

  private final Map<String, Long> pids;

  public CpuMeter(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
  }

  public Map<String, Long> snapshot() {
    return each(ProcStats::cpuNanos);
  }

  /** The CPU of each process's JIT compiler threads so far (a part of {@link #snapshot}'s). */
  public Map<String, Long> compilerSnapshot() {
    return each(ProcStats::compilerNanos);
  }

  private Map<String, Long> each(java.util.function.LongUnaryOperator nanosOfPid) {
    Map<String, Long> cpu = new LinkedHashMap<>();
    pids.forEach((name, pid) -> cpu.put(name, nanosOfPid.applyAsLong(pid)));
    return cpu;
  }

  /** CPU nanoseconds per process from {@code before} to {@code after}; processes that vanished count 0. */
  public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> d = new LinkedHashMap<>();
    before.forEach((name, b) -> {
      Long a = after.get(name);
      d.put(name, a == null || a < 0 || b < 0 ? 0 : a - b);
    });
    return d;
  }

  public static long total(Map<String, Long> delta) {
    return delta.values().stream().mapToLong(Long::longValue).sum();
  }
}
