package io.wxlogin.token.refresh;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.TokenMessages;
import io.wxlogin.token.TokenMetrics;
import io.wxlogin.token.TokenServerConfig;
import io.wxlogin.token.lease.Lease;
import io.wxlogin.token.store.StoredToken;
import io.wxlogin.token.store.TokenStore;
import io.wxlogin.wechat.WeChatApi;
import java.lang.System.Logger.Level;

/**
 * The holder's job: while this replica holds the lease, keep {@code token:<appid>} fresh on schedule and
 * on demand. It remembers the token Redis holds (loaded when the lease is gained, updated by its own
 * writes: nobody else can write while it holds the lease), so a refresh request is judged without a
 * Redis round trip and every request for one failed token joins the same flight. Event loop only.
 */
public final class TokenKeeper implements Lease.Listener {

  private static final System.Logger LOG = System.getLogger(TokenKeeper.class.getName());
  private static final long RELOAD_RETRY_MS = 1_000;

  private final Vertx vertx;
  private final Lease lease;
  private final TokenStore store;
  private final TokenMetrics metrics;
  private final RefreshFlight.Crew crew;
  private final String appId;
  private final long aheadMs;
  private StoredToken current;
  private boolean lastCallUnchanged;
  private RefreshFlight flight;
  private long refreshTimer = -1;
  private boolean stopped;

  public TokenKeeper(Vertx vertx, TokenServerConfig config, Lease lease, TokenStore store, Redis redis,
      RedisKeys keys, WeChatApi api, TokenMetrics metrics) {
    this.vertx = vertx;
    this.lease = lease;
    this.store = store;
    this.metrics = metrics;
    this.appId = config.appId();
    this.aheadMs = config.timings().refreshAhead().toMillis();
    TokenSource source = new TokenSource(api, config.tokenApi(), config.appId(), config.appSecret().reveal(),
        config.serverId());
    UpstreamFailures failures = new UpstreamFailures(metrics, config.serverId(), config.timings().busyRetryBase().toMillis(),
        TokenServerConfig.BUSY_RETRY_CAP.toMillis(), config.timings().slowRetry().toMillis());
    ForceRefreshBudget budget = new ForceRefreshBudget(redis, keys, config.appId(), config.serverId());
    this.crew = new RefreshFlight.Crew(vertx, lease, store, source, budget, failures, metrics);
  }

  @Override
  public void leaseGained() {
    store.load().onComplete(ar -> {
      if (stopped || !lease.held()) {
        return;
      }
      if (ar.failed()) {
        LOG.log(Level.WARNING, "cannot read the stored token after gaining the lease: " + ar.cause().getMessage());
        vertx.setTimer(RELOAD_RETRY_MS, id -> leaseGained());
        return;
      }
      current = ar.result();
      metrics.current(current);
      lastCallUnchanged = false;
      if (flight == null) {
        schedule();
      }
    });
  }

  @Override
  public void leaseLost() {
    cancelSchedule();
    if (flight != null) {
      flight.stop();
    }
  }

  /** A message on token-refresh; returns what became of it (also counted as a metric). */
  public String onRefreshRequest(String payload) {
    String outcome = judge(TokenMessages.parseRefreshRequest(payload));
    metrics.refreshRequest(outcome);
    return outcome;
  }

  private String judge(TokenMessages.RefreshRequest request) {
    if (request == null) {
      return "invalid";
    }
    if (!appId.equals(request.appId())) {
      return "other_appid";
    }
    if (stopped || !lease.held()) {
      return "not_holder";
    }
    if (current == null || !current.fingerprint().equals(request.failedFingerprint())) {
      return "stale";
    }
    if (flight != null) {
      flight.currentFailed();
      return "joined";
    }
    LOG.log(Level.INFO, "a login node reports token " + current.fingerprint() + " as refused by WeChat; refreshing");
    fly(true);
    return "refreshing";
  }

  private void fly(boolean currentFailed) {
    cancelSchedule();
    RefreshFlight f = new RefreshFlight(crew, current, currentFailed);
    flight = f;
    f.run().onComplete(ar -> {
      if (flight != f) {
        return;
      }
      flight = null;
      RefreshFlight.Result result = ar.result();
      if (result.outcome() != RefreshFlight.Outcome.ABANDONED) {
        current = result.token();
        metrics.current(current);
        lastCallUnchanged = result.outcome() != RefreshFlight.Outcome.WRITTEN;
      }
      if (!stopped && lease.held()) {
        schedule();
      }
    });
  }

  private void schedule() {
    cancelSchedule();
    long delay = RefreshPlan.delayMs(current, lastCallUnchanged, aheadMs, System.currentTimeMillis());
    refreshTimer = vertx.setTimer(Math.max(1, delay), id -> {
      refreshTimer = -1;
      if (flight == null && !stopped && lease.held()) {
        fly(false);
      }
    });
  }

  private void cancelSchedule() {
    if (refreshTimer != -1) {
      vertx.cancelTimer(refreshTimer);
      refreshTimer = -1;
    }
  }

  public void stop() {
    stopped = true;
    leaseLost();
  }
}
