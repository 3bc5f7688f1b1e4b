package io.wxlogin.login.guard;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.wxlogin.redis.RedisKeys;

/**
 * Every guard of one login node, built from its {@link GuardConfig}: what the handlers ask before they spend a
 * WeChat call, hold a poll or read a callback, and what watches the node's connections.
 */
public final class Guards {

  private static final System.Logger LOG = System.getLogger("wxlogin.guard");
  private static final long QUOTA_GAUGE_REFRESH_MS = 30_000;

  public final GuardConfig config;
  public final ClientAddress clients;
  public final Refusals refusals;
  public final QrQuota quota;
  public final QrGate qr;
  public final PollGate polls;
  public final ConnectionGuard connections;
  public final CallbackGate callbacks;
  public final SecurityHeaders headers;
  public final QueryCheck queries;
  private final Vertx vertx;
  private final RefusalLog log;
  private long quotaRefresh = -1;

  /** {@code token}: the callback Token; {@code aesConfigured}: whether WECHAT_AES_KEY is set. */
  public Guards(Vertx vertx, Redis redis, RedisKeys keys, String appId, GuardConfig config, String qrImageBase,
      String token, boolean aesConfigured, MeterRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    this.clients = config.clientAddress();
    this.log = new RefusalLog(LOG);
    this.refusals = new Refusals(registry, log);
    WeChatDay day = WeChatDay.system();
    this.quota = new QrQuota(redis, keys, appId, config.dailyQuota(), config.quotaProbeSeconds(), day, registry);
    QrRateLimiter limiter = new QrRateLimiter(redis, keys, config.qrLimits(), day);
    this.qr = new QrGate(clients, new QrAdmission(redis, limiter, quota, keys.multiKeyScripts()), quota,
        new InFlightCap(config.qrInFlightMax()), refusals);
    this.polls = new PollGate(clients, new PollCaps(config.pollsPerAddress(), config.pollsPerScene()), refusals);
    this.connections = new ConnectionGuard(vertx, clients, config.connections(), refusals);
    this.callbacks = new CallbackGate(token, aesConfigured, config.requireAes(),
        new ReplayGuard(redis, keys, config.callbackWindowSeconds()));
    this.headers = new SecurityHeaders(qrImageBase);
    this.queries = new QueryCheck(refusals);
  }

  /** Starts the connection sweeper and the quota gauges' refresh; call on the verticle's context. */
  public void start() {
    connections.start();
    quotaRefresh = vertx.setPeriodic(QUOTA_GAUGE_REFRESH_MS, id -> quota.refresh()
        .onFailure(t -> log.warn("quota_refresh", "cannot read the QR quota figures from Redis: " + t)));
  }

  public void stop() {
    connections.stop();
    vertx.cancelTimer(quotaRefresh);
  }
}
