package io.wxlogin.login.guard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every request or connection the guards refuse: counted in {@code wxlogin_refused_total{reason}} and, when a
 * line is given, logged at most once a minute per reason. Reasons are names from the code, never client text,
 * so the label set stays bounded.
 */
public final class Refusals {

  private final MeterRegistry registry;
  private final RefusalLog log;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile Consumer<String> listener = reason -> { };

  public Refusals(MeterRegistry registry, RefusalLog log) {
    this.registry = registry;
    this.log = log;
  }

  /** Also tells {@code listener} every reason counted (the QR refusals feed {@code wxlogin_qr_refused_total}). */
  public void onCount(Consumer<String> listener) {
    this.listener = listener;
  }

  public void count(String reason) {
    counters.computeIfAbsent(reason, r -> Counter.builder("wxlogin_refused_total")
        .description("requests and connections refused by the node's guards, by reason")
        .tag("reason", r).register(registry)).increment();
    listener.accept(reason);
  }

  /** Counts, and logs {@code line} unless this reason was logged less than a minute ago. */
  public void count(String reason, String line) {
    count(reason);
    log.warn(reason, line);
  }

  public double total(String reason) {
    Counter c = counters.get(reason);
    return c == null ? 0 : c.count();
  }
}
