package io.wxlogin.token;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.redis.client.Redis;
import io.wxlogin.http.RouterErrors;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.server.ManagementConfig;
import io.wxlogin.token.http.HealthHandler;
import io.wxlogin.token.http.ReadyHandler;
import io.wxlogin.token.http.TokensHandler;
import io.wxlogin.token.keys.KeyKeeper;
import io.wxlogin.token.lease.Lease;
import io.wxlogin.token.refresh.TokenKeeper;
import io.wxlogin.token.store.TokenStore;
import io.wxlogin.wechat.WeChatApi;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The token-server: the lease decides whether this replica refreshes, the keeper refreshes, the
 * subscriber hears login nodes' refresh requests, and the router answers operators.
 */
public final class TokenServerVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(TokenServerVerticle.class.getName());
  private static final int COMMAND_READ_IDLE_SECONDS = 10;

  private final TokenServerConfig config;
  private final PrometheusMeterRegistry registry;
  private Redis redis;
  private WeChatApi api;
  private Lease lease;
  private TokenKeeper keeper;
  private Subscriber subscriber;
  private HttpServer server;
  private HttpServer management;
  private KeyKeeper keyKeeper;

  public TokenServerVerticle(TokenServerConfig config) {
    this(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** {@code registry} is the one Vert.x reports into, so /metrics shows both. */
  public TokenServerVerticle(TokenServerConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    RedisKeys keys = config.redis().keys();
    // Commands have future timeouts only; a read-idle limit also evicts a pooled connection that went
    // half-open (no FIN), which would otherwise keep timing out every command sent on it.
    redis = config.redis().client(vertx, "token-redis", 4, COMMAND_READ_IDLE_SECONDS);
    api = new WeChatApi(vertx, config.apiBase(), config.timings().apiTimeout().toMillis());
    lease = new Lease(vertx, redis, keys.tokenLease(config.appId()), config.serverId(), config.timings().leaseTime().toMillis());
    TokenStore store = new TokenStore(redis, keys, config.appId());
    TokenMetrics metrics = new TokenMetrics(registry, config.appId(), lease::held);
    keeper = new TokenKeeper(vertx, config, lease, store, redis, keys, api, metrics);
    String refreshChannel = keys.tokenRefreshChannel();
    // requests lost while the link was down are repeated by the login nodes until a new token appears
    // sharded (SSUBSCRIBE on the channel's shard) in cluster mode, classic otherwise
    subscriber = Subscriber.create(vertx, config.redis(), redis, "token-pubsub", List.of(refreshChannel),
        (channel, payload) -> keeper.onRefreshRequest(payload))
        .heartbeat(redis, refreshChannel, new JsonObject().put("heartbeat", config.serverId()).encode());

    return listen(store);
  }

  /** The management port first, so nothing an operator reads is ever served on the public one. */
  private Future<HttpServer> listen(TokenStore store) {
    // the public port is for load balancers only; what an operator reads is on the management port
    Router router = Router.router(vertx);
    router.get("/health").handler(new HealthHandler());
    RouterErrors.install(router, "token-server");
    Router operators = Router.router(vertx);
    operators.get("/health").handler(new HealthHandler());
    operators.get("/ready").handler(new ReadyHandler(store, lease, subscriber, config.redis().describe()));
    operators.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    operators.get("/api/tokens").handler(new TokensHandler(store));
    RouterErrors.install(operators, "token-server");
    ManagementConfig mc = config.management();
    return vertx.createHttpServer().requestHandler(operators).listen(mc.port(), mc.host())
        .compose(m -> {
          management = m;
          return vertx.createHttpServer().requestHandler(router).listen(config.httpPort());
        })
        .onSuccess(s -> {
          server = s;
          lease.start(keeper);
          startKeyKeeper();
          subscriber.start().onFailure(t -> LOG.log(Level.WARNING,
              "token-refresh not subscribed yet (" + t.getMessage() + "); retrying in the background"));
          LOG.log(Level.INFO, "token-server " + config.serverId() + " listening on " + s.actualPort()
              + ", management on " + mc.host() + ":" + management.actualPort() + " (appid " + config.appId() + ", "
              + config.tokenApi().name().toLowerCase(java.util.Locale.ROOT) + " token API, Redis "
              + config.redis().describe() + ")");
        });
  }

  /** With OIDC on, the lease holder also keeps the signing keys (docs/oidc.md). */
  private void startKeyKeeper() {
    if (config.signingKeys() != null) {
      keyKeeper = new KeyKeeper(vertx, config.signingKeys(), lease, redis, config.redis().keys(), config.appId());
      keyKeeper.start();
    }
  }

  /** The management port ({@code /ready}, {@code /metrics}, {@code /api/tokens}), useful when configured as 0. */
  public int managementPort() {
    return management.actualPort();
  }

  /** The HTTP port, useful when configured as 0. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Stops refreshing, then hands the lease back so a standby takes over without waiting for it to expire. */
  @Override
  public Future<?> stop() {
    keeper.stop();
    if (keyKeeper != null) {
      keyKeeper.stop();
    }
    return subscriber.close()
        .compose(v -> lease.release())
        .eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(() -> management == null ? Future.succeededFuture() : management.close())
        .eventually(() -> {
          api.close();
          return redis.close();
        })
        .timeout(5, TimeUnit.SECONDS)
        .recover(e -> Future.succeededFuture());
  }
}
