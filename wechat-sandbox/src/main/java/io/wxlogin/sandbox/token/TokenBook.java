package io.wxlogin.sandbox.token;

import io.wxlogin.sandbox.token.IssuedToken.Family;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Every access_token issued, and the rules that end them (docs/wechat.md §4, §6):
 * a new classic token leaves the previous one valid for the overlap; the stable token stays the same until
 * its last overlap seconds; a forced stable refresh kills the previous stable token at once; the two
 * families never affect each other. Runs on the verticle's event loop only.
 */
public final class TokenBook {

  /** How long an expired token is still remembered (answered 42001) before it becomes merely unknown. */
  private static final Duration REMEMBER_EXPIRED = Duration.ofDays(1);

  private final Clock clock;
  private final Duration ttl;
  private final Duration overlap;
  private final Map<String, IssuedToken> issued = new HashMap<>();
  private IssuedToken classic;
  private IssuedToken stable;

  /** What a token call hands back. */
  public record Grant(String token, int expiresIn) {
    @Override
    public String toString() {
      return "Grant[expiresIn=" + expiresIn + "]";
    }
  }

  public TokenBook(Clock clock, int ttlSeconds, int overlapSeconds) {
    this.clock = clock;
    this.ttl = Duration.ofSeconds(ttlSeconds);
    this.overlap = Duration.ofSeconds(overlapSeconds);
  }

  /** {@code /cgi-bin/token}: always a new token; the previous one lives on for the overlap. */
  public Grant issueClassic() {
    Instant now = clock.instant();
    if (classic != null) {
      classic.supersede(now.plus(overlap));
    }
    classic = issue(Family.CLASSIC, now);
    return new Grant(classic.value, classic.expiresInSeconds(now));
  }

  /**
   * {@code /cgi-bin/stable_token} in normal mode: the current token while more than the overlap remains,
   * otherwise a new one (the old one keeps its own expiry, so both work during the overlap).
   */
  public Grant stable() {
    Instant now = clock.instant();
    if (stable == null || stable.errcodeAt(now) != 0 || !stable.expiresAt.minus(overlap).isAfter(now)) {
      stable = issue(Family.STABLE, now);
    }
    return new Grant(stable.value, stable.expiresInSeconds(now));
  }

  /** Forced mode: "invalidates the previous token and returns a new one", with no overlap. */
  public Grant forceStable() {
    Instant now = clock.instant();
    if (stable != null) {
      stable.supersede(now);
    }
    stable = issue(Family.STABLE, now);
    return new Grant(stable.value, stable.expiresInSeconds(now));
  }

  /** The errcode an API that takes {@code access_token} answers for it, 0 when it works. */
  public int check(String token) {
    if (token == null || token.isEmpty()) {
      return 41001;
    }
    if (!TokenShape.wellFormed(token)) {
      return 40014;
    }
    IssuedToken t = issued.get(token);
    return t == null ? 40001 : t.errcodeAt(clock.instant());
  }

  /** Ends every token issued so far; they answer 42001 ({@code asExpired}) or 40001 afterwards. */
  public int expireAll(boolean asExpired) {
    issued.values().forEach(t -> t.kill(asExpired));
    return issued.size();
  }

  private IssuedToken issue(Family family, Instant now) {
    issued.values().removeIf(t -> t.expiresAt.plus(REMEMBER_EXPIRED).isBefore(now));
    IssuedToken t = new IssuedToken(TokenShape.newToken(), family, now.plus(ttl));
    issued.put(t.value, t);
    return t;
  }
}
