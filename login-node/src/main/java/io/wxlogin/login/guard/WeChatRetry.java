package io.wxlogin.login.guard;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.wxlogin.wechat.WeChatException;
import java.util.function.Supplier;

/**
 * A WeChat call inside a browser request's time budget: WeChat's {@code -1} ("system busy, retry later") is
 * retried with a doubling backoff from 100 ms while the budget allows another try; any other error, and an
 * answer that does not come (retrying a slow WeChat only piles up calls), ends it at once.
 */
public final class WeChatRetry {

  private static final long FIRST_BACKOFF_MS = 100;

  private WeChatRetry() {
  }

  public static <T> Future<T> call(Vertx vertx, long budgetMs, Supplier<Future<T>> call) {
    long deadline = System.nanoTime() / 1_000_000 + budgetMs;
    return attempt(vertx, deadline, FIRST_BACKOFF_MS, call);
  }

  private static <T> Future<T> attempt(Vertx vertx, long deadline, long backoff, Supplier<Future<T>> call) {
    return call.get().recover(t -> {
      long left = deadline - System.nanoTime() / 1_000_000;
      if (!(t instanceof WeChatException e && e.kind() == WeChatException.Kind.BUSY) || left < backoff * 2) {
        return Future.failedFuture(t);
      }
      Promise<T> next = Promise.promise();
      vertx.setTimer(backoff, id -> attempt(vertx, deadline, backoff * 2, call).onComplete(next));
      return next.future();
    });
  }

  /**
   * Whether WeChat failed to answer in time (as opposed to refusing, or being unreachable at once). Only a
   * failure of the WeChat call itself counts: WeChatApi wraps its timeouts in a WeChatException, while a Redis
   * command that times out (a frozen Redis) is the login service being unavailable, not WeChat being slow.
   */
  public static boolean slow(Throwable t) {
    if (!(t instanceof WeChatException)) {
      return false;
    }
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (c instanceof java.util.concurrent.TimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }
}
