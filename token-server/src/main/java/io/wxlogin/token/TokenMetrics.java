package io.wxlogin.token;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxlogin.metrics.Counters;
import io.wxlogin.token.store.StoredToken;
import java.util.function.BooleanSupplier;

/**
 * The token-server's own Prometheus series. Token age and time to expiry are what this replica last
 * loaded or wrote, so they are meaningful on the lease holder ({@code wxlogin_token_lease_held == 1})
 * and NaN on a standby that never held it.
 */
public final class TokenMetrics {

  private final Counters counters;
  private final String appId;
  private volatile StoredToken current;

  public TokenMetrics(MeterRegistry registry, String appId, BooleanSupplier leaseHeld) {
    this.counters = new Counters(registry);
    this.appId = appId;
    Gauge.builder("wxlogin.token.lease.held", () -> leaseHeld.getAsBoolean() ? 1 : 0).tag("appid", appId)
        .description("1 while this replica holds the refresher lease").register(registry);
    Gauge.builder("wxlogin.token.age", this, m -> m.seconds(t -> System.currentTimeMillis() - t.refreshedAt()))
        .tag("appid", appId).baseUnit("seconds").description("seconds since the stored token was obtained")
        .register(registry);
    Gauge.builder("wxlogin.token.expires.in", this, m -> m.seconds(t -> t.expiresAt() - System.currentTimeMillis()))
        .tag("appid", appId).baseUnit("seconds").description("seconds until the stored token expires")
        .register(registry);
  }

  private double seconds(java.util.function.ToLongFunction<StoredToken> ms) {
    StoredToken t = current;
    return t == null ? Double.NaN : ms.applyAsLong(t) / 1000.0;
  }

  /** The token Redis holds now, as this replica knows it. */
  public void current(StoredToken token) {
    current = token;
  }

  /** One call of a token API: {@code api} stable, stable_force or classic; {@code result} new, unchanged or failed. */
  public void refresh(String api, String result) {
    counters.increment("wxlogin.token.refreshes", "WeChat token API calls by API and result",
        "appid", appId, "api", api, "result", result);
  }

  /** A failed token API call; {@code errcode} is WeChat's, or "unreachable". */
  public void failure(String errcode) {
    counters.increment("wxlogin.token.failures", "failed WeChat token API calls by errcode",
        "appid", appId, "errcode", errcode);
  }

  /** The fenced write refused a token because the lease had moved on. */
  public void writeRefused() {
    counters.increment("wxlogin.token.writes.refused",
        "token writes refused because this replica no longer held the lease", "appid", appId);
  }

  /** A message on token-refresh, by what became of it. */
  public void refreshRequest(String outcome) {
    counters.increment("wxlogin.token.refresh.requests", "refresh requests received on token-refresh, by outcome",
        "appid", appId, "outcome", outcome);
  }

  /** A force_refresh this replica wanted but WeChat's 20-a-day, 30 s-apart rule did not allow. */
  public void forceDenied(String reason) {
    counters.increment("wxlogin.token.force.denied", "force refreshes held back by WeChat's limits",
        "appid", appId, "reason", reason);
  }
}
