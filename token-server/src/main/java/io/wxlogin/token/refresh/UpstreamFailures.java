package io.wxlogin.token.refresh;

import io.wxlogin.token.TokenMetrics;
import io.wxlogin.wechat.WeChatException;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Set;

/**
 * What a failed refresh step costs in waiting, and what it is worth telling an operator. Transient trouble
 * (WeChat's -1, no answer, a Redis hiccup) is retried with doubling backoff. Errors only a person can fix
 * (wrong appid or secret, IP whitelist, admin confirmation, quota) get one line per distinct errcode until
 * the next success, and a slow retry: the operator's fix is picked up without a restart and without a storm.
 */
final class UpstreamFailures {

  private static final System.Logger LOG = System.getLogger(UpstreamFailures.class.getName());

  /** A step that must simply be tried again later, such as a force_refresh inside WeChat's 30 s spacing. */
  static final class RetryAfter extends RuntimeException {
    final long delayMs;

    RetryAfter(long delayMs, String why) {
      super(why, null, false, false);
      this.delayMs = delayMs;
    }
  }

  private final TokenMetrics metrics;
  private final String serverId;
  private final long busyBaseMs;
  private final long busyCapMs;
  private final long slowRetryMs;
  private final Set<String> alerted = new HashSet<>();
  private String forceBudgetAlertedOn;

  UpstreamFailures(TokenMetrics metrics, String serverId, long busyBaseMs, long busyCapMs, long slowRetryMs) {
    this.metrics = metrics;
    this.serverId = serverId;
    this.busyBaseMs = busyBaseMs;
    this.busyCapMs = busyCapMs;
    this.slowRetryMs = slowRetryMs;
  }

  /** How long to wait before retry number {@code attempt + 1} after {@code failure}. */
  long retryDelayMs(Throwable failure, int attempt) {
    if (failure instanceof RetryAfter r) {
      LOG.log(Level.INFO, r.getMessage() + "; trying again in " + r.delayMs + " ms");
      return r.delayMs;
    }
    if (!(failure instanceof WeChatException e)) {
      long delay = backoff(attempt);
      LOG.log(Level.WARNING, "Redis failed during a token refresh (" + failure + "); retry in " + delay + " ms");
      return delay;
    }
    metrics.failure(e.kind() == WeChatException.Kind.UNREACHABLE ? "unreachable" : Integer.toString(e.errcode()));
    return switch (e.kind()) {
      case BUSY, UNREACHABLE -> {
        long delay = backoff(attempt);
        LOG.log(Level.WARNING, "WeChat token API " + (e.kind() == WeChatException.Kind.BUSY ? "is busy (-1)"
            : "did not answer (" + e.getMessage() + ")") + "; retry " + (attempt + 1) + " in " + delay + " ms");
        yield delay;
      }
      // On a token API, 40001 means the AppSecret is wrong, not the access_token: an operator's problem too.
      case CONFIG, QUOTA, TOKEN_INVALID, OTHER -> {
        alertOnce(Integer.toString(e.errcode()), e.operatorAdvice());
        yield slowRetryMs;
      }
    };
  }

  /**
   * Today's 20 force refreshes are used up: the refused token stays until its normal rotation. Told once a
   * day, since the normal calls that keep succeeding meanwhile do not fix it.
   */
  void forceBudgetUsedUp(String day) {
    if (!day.equals(forceBudgetAlertedOn)) {
      forceBudgetAlertedOn = day;
      LOG.log(Level.ERROR, "OPERATOR ACTION NEEDED on token-server " + serverId + ": WeChat's limit of "
          + ForceRefreshBudget.PER_DAY + " force refreshes a day is used up and WeChat still hands out a token that"
          + " login nodes report as invalid: check for a leaked AppSecret or a second process calling the token"
          + " API; the current token is kept until it rotates");
    }
  }

  void succeeded() {
    if (!alerted.isEmpty()) {
      LOG.log(Level.INFO, "WeChat's token API works again (after " + String.join(", ", alerted) + ")");
      alerted.clear();
    }
  }

  private void alertOnce(String what, String advice) {
    if (alerted.add(what)) {
      LOG.log(Level.ERROR, "OPERATOR ACTION NEEDED on token-server " + serverId + ": " + advice + " (it retries every "
          + (slowRetryMs % 1000 == 0 ? slowRetryMs / 1000 + " s)" : slowRetryMs + " ms)"));
    }
  }

  private long backoff(int attempt) {
    return Math.min(busyCapMs, busyBaseMs << Math.min(attempt, 20));
  }
}
