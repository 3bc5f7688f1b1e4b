package io.wxlogin.login;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.redis.client.Redis;
import io.wxlogin.http.RouterErrors;
import io.wxlogin.login.callback.CallbackHandler;
import io.wxlogin.login.poll.ParkedPolls;
import io.wxlogin.login.poll.PollHandler;
import io.wxlogin.login.scene.QrCodeHandler;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.session.SessionHandler;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.login.token.AccessTokens;
import io.wxlogin.login.user.UserStore;
import io.wxlogin.login.web.Health;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.wechat.WeChatApi;
import io.wxlogin.wechat.WxCrypto;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A login node: QR codes, WeChat callbacks, long-polls woken over Redis pub/sub, sessions. */
public final class LoginNodeVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger("wxlogin.login-node");
  private static final int CALLBACK_BODY_LIMIT = 64 * 1024;

  private final LoginNodeConfig config;
  private final PrometheusMeterRegistry registry;
  private Redis redis;
  private Redis pubsubRedis;
  private Subscriber subscriber;
  private WeChatApi wechat;
  private HttpServer server;
  private PollHandler polls;
  private ParkedPolls parked;

  public LoginNodeVerticle(LoginNodeConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    RedisConfig rc = config.redis();
    RedisKeys keys = rc.keys();
    redis = rc.client(vertx, "login-node", 16, 0);
    pubsubRedis = rc.client(vertx, "login-node-pubsub", 1, Subscriber.READ_IDLE_SECONDS);
    wechat = new WeChatApi(vertx, config.apiBase(), config.wechatTimeoutMs());
    AccessTokens tokens = new AccessTokens(vertx, redis, keys, config.appId());
    SceneStore scenes = new SceneStore(redis, keys);
    SessionStore sessions = new SessionStore(redis, keys, config.sessionTtlSeconds());
    LoginMetrics metrics = new LoginMetrics(registry);
    parked = new ParkedPolls();
    polls = new PollHandler(vertx, scenes, sessions, parked, config.nodeId(), config.pollWaitMaxSeconds(), metrics);
    WxCrypto crypto = config.safeModeEnabled()
        ? new WxCrypto(config.appId(), config.aesKey(), config.previousAesKey()) : null;
    CallbackHandler callback = new CallbackHandler(config.callbackToken(), crypto, scenes, new UserStore(redis, keys),
        metrics);
    SessionHandler session = new SessionHandler(sessions);
    QrCodeHandler qr = new QrCodeHandler(wechat, tokens, scenes, config.qrImageBase(), config.sceneTtlSeconds(),
        metrics);

    String myChannel = keys.nodeChannel(config.nodeId());
    String tokenChannel = keys.tokenUpdatedChannel();
    subscriber = new Subscriber(vertx, pubsubRedis, List.of(myChannel, tokenChannel), (channel, payload) -> {
      if (channel.equals(myChannel)) {
        polls.wake(payload);
      } else {
        tokens.onUpdated(payload);
      }
    })
        // messages published while the link was down are lost: re-read what they would have announced
        .onResubscribed(v -> {
          polls.recheckAll();
          tokens.reload();
        })
        .heartbeat(redis, myChannel, "");
    Gauge.builder("wxlogin_polls_parked", parked, ParkedPolls::size)
        .description("long-polls held by this node").register(registry);
    Health health = new Health(redis, tokens, subscriber);

    Router router = Router.router(vertx);
    if (!config.corsAllowedOrigins().isEmpty()) {
      router.route("/api/*").handler(CorsHandler.create().addOrigins(config.corsAllowedOrigins())
          .allowedMethods(java.util.Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
          .allowedHeader("Authorization").allowedHeader("Content-Type"));
    }
    router.post("/api/login/qrcode").handler(qr);
    router.get("/api/login/:scene").handler(polls);
    router.get("/api/session").handler(session::read);
    router.delete("/api/session").handler(session::delete);
    router.get("/wechat/callback").handler(callback::verifyUrl);
    router.post("/wechat/callback").handler(BodyHandler.create(false).setBodyLimit(CALLBACK_BODY_LIMIT))
        .handler(callback::receive);
    router.get("/health").handler(health::live);
    router.get("/ready").handler(health::ready);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    // GET and HEAD only, so a wrong method on an API path is answered 405 rather than falling through to 404
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setCachingEnabled(false));
    RouterErrors.install(router, "login-node");

    return subscriber.start()
        .recover(t -> {
          LOG.log(System.Logger.Level.WARNING, "Redis pub/sub not reachable at start (" + t.getMessage()
              + "); retrying in the background");
          return Future.succeededFuture();
        })
        .compose(v -> tokens.reload().otherwiseEmpty())
        .compose(v -> vertx.createHttpServer(new HttpServerOptions().setPort(config.httpPort()))
            .connectionHandler(conn -> conn.shutdownHandler(x -> answerParkedPollsOnShutdown()))
            .requestHandler(router)
            .listen())
        .onSuccess(s -> {
          server = s;
          LOG.log(System.Logger.Level.INFO, "login-node " + config.nodeId() + " listening on " + s.actualPort()
              + " (redis " + rc.describe() + ")");
        });
  }

  private void answerParkedPollsOnShutdown() {
    parked.forAll(p -> p.answerUnavailable());
  }

  public int actualPort() {
    return server.actualPort();
  }

  public String nodeId() {
    return config.nodeId();
  }

  public int parkedPolls() {
    return parked.size();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closing = server == null ? Future.succeededFuture() : server.shutdown(5, TimeUnit.SECONDS);
    return closing.eventually(() -> subscriber.close())
        .eventually(() -> {
          wechat.close();
          redis.close();
          pubsubRedis.close();
          return Future.succeededFuture();
        });
  }
}
