package io.wxlogin.login.guard;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Operator lines about refused requests, at most one a minute per reason, with how many were left out. A
 * flood must not become a log flood, and the line never quotes what the client sent: the caller writes it
 * from values the server chose (a reason, a masked address, a count).
 */
public final class RefusalLog {

  private static final long EVERY_MS = 60_000;

  private final System.Logger log;
  private final LongSupplier clock;
  private final Map<String, long[]> lastAndSkipped = new HashMap<>();

  public RefusalLog(System.Logger log, LongSupplier clockMillis) {
    this.log = log;
    this.clock = clockMillis;
  }

  public RefusalLog(System.Logger log) {
    this(log, System::currentTimeMillis);
  }

  /** Logs {@code line} as a warning unless {@code reason} was logged less than a minute ago. */
  public synchronized boolean warn(String reason, String line) {
    long now = clock.getAsLong();
    long[] state = lastAndSkipped.computeIfAbsent(reason, r -> new long[] {Long.MIN_VALUE, 0});
    if (state[0] != Long.MIN_VALUE && now - state[0] < EVERY_MS) {
      state[1]++;
      return false;
    }
    String skipped = state[1] == 0 ? "" : " (" + state[1] + " more like it in the last minute not logged)";
    state[0] = now;
    state[1] = 0;
    log.log(System.Logger.Level.WARNING, line + skipped);
    return true;
  }
}
