package io.wxlogin.sandbox.token;

import java.time.Instant;

/** One access_token the sandbox handed out, and everything that can end its life early. */
final class IssuedToken {

  enum Family { CLASSIC, STABLE }

  /** Why {@code /sandbox/expire-tokens} ended it: 42001 or 40001 afterwards. */
  enum Killed { NO, AS_EXPIRED, AS_INVALIDATED }

  final String value;
  final Family family;
  final Instant expiresAt;
  private Instant invalidAfter;
  private Killed killed = Killed.NO;

  IssuedToken(String value, Family family, Instant expiresAt) {
    this.value = value;
    this.family = family;
    this.expiresAt = expiresAt;
  }

  /**
   * A newer token replaced this one: it keeps working until {@code until} (an earlier end stands). Its
   * own expiry still comes first, see {@link #errcodeAt}.
   */
  void supersede(Instant until) {
    if (invalidAfter == null || until.isBefore(invalidAfter)) {
      invalidAfter = until;
    }
  }

  void kill(boolean asExpired) {
    killed = asExpired ? Killed.AS_EXPIRED : Killed.AS_INVALIDATED;
  }

  /** 0 when the token works at {@code now}, else the errcode WeChat would answer for it. */
  int errcodeAt(Instant now) {
    if (killed == Killed.AS_EXPIRED || !now.isBefore(expiresAt)) {
      return 42001;
    }
    if (killed == Killed.AS_INVALIDATED || (invalidAfter != null && !now.isBefore(invalidAfter))) {
      return 40001;
    }
    return 0;
  }

  int expiresInSeconds(Instant now) {
    return (int) Math.max(0, (expiresAt.toEpochMilli() - now.toEpochMilli()) / 1000);
  }

  @Override
  public String toString() {
    return "IssuedToken[" + family + ", expiresAt=" + expiresAt + "]";
  }
}
