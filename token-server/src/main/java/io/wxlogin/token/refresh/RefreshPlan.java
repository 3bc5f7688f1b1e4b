package io.wxlogin.token.refresh;

import io.wxlogin.token.store.StoredToken;

/** When the next scheduled refresh is due. */
final class RefreshPlan {

  /** Floor between checks of a token that WeChat handed back unchanged, so a short expires_in cannot spin. */
  static final long MIN_RECHECK_MS = 250;

  private RefreshPlan() {
  }

  /**
   * {@code aheadMs} before expiry, but never more than half the token's lifetime: a token WeChat gives
   * for less than the configured lead time is still used for half of it. After stable_token answered with
   * the same token (it rotates only in its last minutes), look again when half of what remains is gone.
   */
  static long delayMs(StoredToken token, boolean lastCallUnchanged, long aheadMs, long now) {
    if (token == null) {
      return 0;
    }
    long remaining = token.expiresAt() - now;
    if (lastCallUnchanged) {
      return Math.max(MIN_RECHECK_MS, remaining / 2);
    }
    long ahead = Math.min(aheadMs, token.lifetimeMs() / 2);
    return Math.max(0, remaining - ahead);
  }
}
