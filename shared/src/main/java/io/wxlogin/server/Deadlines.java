package io.wxlogin.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for the many short calls of an event loop (Redis commands, WeChat calls, callback answers) kept by
 * one sweep per context instead of one scheduled task per call. {@code Future.timeout} puts a task into the
 * event loop's timer heap for every call and takes it out again when the call answers; with thousands of calls
 * a second beside thousands of parked polls' hold timers, that heap was among the hottest frames of a node
 * (docs/benchmarks.md). Here each deadline is an entry in a FIFO per timeout value (so in deadline order), and
 * one timer fires for the earliest call still unanswered.
 *
 * <p>A call that misses its deadline fails exactly as with {@code Future.timeout}: a
 * {@link java.util.concurrent.TimeoutException} "Timeout N (ms) fired", at most {@link #TICK_MS} later than
 * the deadline. Off an event loop (a test's thread, a worker) it is {@code Future.timeout} itself.
 */
public final class Deadlines {

  /** The sweep never fires more often than this; a deadline may fire this much late. */
  static final long TICK_MS = 20;
  private static final String KEY = Deadlines.class.getName();

  private final ContextInternal context;
  private final Map<Long, ArrayDeque<Entry<?>>> byTimeout = new HashMap<>();
  private long timerDue = Long.MAX_VALUE;

  private Deadlines(ContextInternal context) {
    this.context = context;
  }

  /** {@code future}, failed with a timeout if it has not completed within {@code timeoutMs}. */
  public static <T> Future<T> within(Future<T> future, long timeoutMs) {
    if (future.isComplete()) {
      return future;
    }
    Context current = Vertx.currentContext();
    if (!(current instanceof ContextInternal ctx) || !ctx.isEventLoopContext() || !ctx.inThread()) {
      return future.timeout(timeoutMs, TimeUnit.MILLISECONDS);
    }
    Deadlines sweep = ctx.get(KEY);
    if (sweep == null) {
      sweep = new Deadlines(ctx);
      ctx.put(KEY, sweep);
    }
    return sweep.add(future, timeoutMs);
  }

  private static final class Entry<T> {
    final long dueNanos;
    volatile PromiseInternal<T> promise;

    Entry(long dueNanos, PromiseInternal<T> promise) {
      this.dueNanos = dueNanos;
      this.promise = promise;
    }
  }

  private <T> Future<T> add(Future<T> future, long timeoutMs) {
    PromiseInternal<T> promise = context.promise();
    Entry<T> entry = new Entry<>(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), promise);
    ArrayDeque<Entry<?>> queue = byTimeout.computeIfAbsent(timeoutMs, k -> new ArrayDeque<>());
    dropAnswered(queue);
    queue.addLast(entry);
    future.onComplete((result, failure) -> {
      // answered: the entry stays queued until the sweep passes it, but holds nothing
      entry.promise = null;
      if (failure == null) {
        promise.tryComplete(result);
      } else {
        promise.tryFail(failure);
      }
    });
    arm(entry.dueNanos);
    return promise.future();
  }

  private void arm(long dueNanos) {
    if (dueNanos >= timerDue) {
      return;
    }
    timerDue = dueNanos;
    long delayMs = Math.max(TICK_MS, TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime()) + 1);
    context.setTimer(delayMs, id -> sweep());
  }

  private void sweep() {
    timerDue = Long.MAX_VALUE;
    long now = System.nanoTime();
    long next = Long.MAX_VALUE;
    for (Map.Entry<Long, ArrayDeque<Entry<?>>> e : byTimeout.entrySet()) {
      ArrayDeque<Entry<?>> queue = e.getValue();
      while (!queue.isEmpty() && (queue.peekFirst().dueNanos <= now || queue.peekFirst().promise == null)) {
        expire(queue.pollFirst(), e.getKey());
      }
      if (!queue.isEmpty()) {
        next = Math.min(next, queue.peekFirst().dueNanos);
      }
    }
    if (next != Long.MAX_VALUE) {
      arm(next);
    }
  }

  private static void expire(Entry<?> entry, long timeoutMs) {
    PromiseInternal<?> promise = entry.promise;
    if (promise != null) {
      entry.promise = null;
      promise.tryFail(new NoStackTraceTimeoutException("Timeout " + timeoutMs + " (ms) fired"));
    }
  }

  private static void dropAnswered(ArrayDeque<Entry<?>> queue) {
    while (!queue.isEmpty() && queue.peekFirst().promise == null) {
      queue.pollFirst();
    }
  }
}
