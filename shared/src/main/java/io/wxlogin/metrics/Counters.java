package io.wxlogin.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters registered once and kept: {@code Counter.builder(..).register(registry)} looks the meter up in the
 * registry on every call, and these are hit on every request.
 */
public final class Counters {

  private final MeterRegistry registry;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

  public Counters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Adds one to counter {@code name} with {@code tags} (name, value pairs). */
  public void increment(String name, String description, String... tags) {
    List<String> id = new java.util.ArrayList<>(tags.length + 1);
    id.add(name);
    id.addAll(List.of(tags));
    counters.computeIfAbsent(List.copyOf(id),
        k -> Counter.builder(name).description(description).tags(tags).register(registry)).increment();
  }
}
