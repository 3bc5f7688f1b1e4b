package io.wxlogin.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling until a condition holds, with a deadline that fails the test. */
public final class Eventually {

  private Eventually() {
  }

  /** Waits for {@code condition}; returns how long it took. */
  public static Duration within(Duration deadline, String what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (RuntimeException e) {
        // not yet: Redis restarting, server not yet answering
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + deadline + ": " + what);
      }
      sleep(Duration.ofMillis(50));
    }
  }

  public static <T> T value(Duration deadline, String what, Supplier<T> value) {
    Object[] box = new Object[1];
    within(deadline, what, () -> (box[0] = value.get()) != null);
    @SuppressWarnings("unchecked")
    T t = (T) box[0];
    return t;
  }

  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
