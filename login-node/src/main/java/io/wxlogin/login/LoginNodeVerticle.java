package io.wxlogin.login;

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
import io.wxlogin.http.RouterErrors;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A login node: QR codes, WeChat callbacks, long-polls woken over Redis pub/sub, sessions. Its objects are
 * built by {@link Wiring}; {@link #start()} is the route table.
 */
public final class LoginNodeVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger("wxlogin.login-node");
  private static final int CALLBACK_BODY_LIMIT = 64 * 1024;

  private final LoginNodeConfig config;
  private final PrometheusMeterRegistry registry;
  private Wiring parts;
  private HttpServer server;

  public LoginNodeVerticle(LoginNodeConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    parts = new Wiring(vertx, config, registry);
    Router router = Router.router(vertx);
    cors(router, config.node().corsAllowedOrigins());
    router.post("/api/login/qrcode").handler(parts.qr);
    router.get("/api/login/:scene").handler(parts.polls);
    router.get("/api/session").handler(parts.session::read);
    router.delete("/api/session").handler(parts.session::delete);
    router.get("/wechat/callback").handler(parts.callback::verifyUrl);
    router.post("/wechat/callback").handler(BodyHandler.create(false).setBodyLimit(CALLBACK_BODY_LIMIT))
        .handler(parts.callback::receive);
    router.get("/health").handler(parts.health::live);
    router.get("/ready").handler(parts.health::ready);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    // GET and HEAD only, so a wrong method on an API path is answered 405 rather than falling through to 404
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setCachingEnabled(false));
    RouterErrors.install(router, "login-node");
    return connect().compose(v -> listen(router));
  }

  private static void cors(Router router, List<String> origins) {
    if (!origins.isEmpty()) {
      router.route("/api/*").handler(CorsHandler.create().addOrigins(origins)
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
          .allowedHeader("Authorization").allowedHeader("Content-Type"));
    }
  }

  /** Subscribes and reads the token; a Redis that is down at start is retried in the background. */
  private Future<Void> connect() {
    return parts.subscriber.start()
        .recover(t -> {
          LOG.log(System.Logger.Level.WARNING, "Redis pub/sub not reachable at start (" + t.getMessage()
              + "); retrying in the background");
          return Future.succeededFuture();
        })
        .compose(v -> parts.tokens.reload().otherwiseEmpty().mapEmpty());
  }

  private Future<HttpServer> listen(Router router) {
    return vertx.createHttpServer(new HttpServerOptions().setPort(config.node().httpPort()))
        // a graceful shutdown answers held polls at once: the browser polls again, another node answers
        .connectionHandler(conn -> conn.shutdownHandler(x -> parts.parked.forAll(p -> p.answerUnavailable())))
        .requestHandler(router)
        .listen()
        .onSuccess(s -> {
          server = s;
          LOG.log(System.Logger.Level.INFO, "login-node " + config.nodeId() + " listening on " + s.actualPort()
              + " (redis " + config.redis().describe() + ")");
        });
  }

  public int actualPort() {
    return server.actualPort();
  }

  public String nodeId() {
    return config.nodeId();
  }

  public int parkedPolls() {
    return parts.parked.size();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closing = server == null ? Future.succeededFuture() : server.shutdown(5, TimeUnit.SECONDS);
    return closing.eventually(() -> parts == null ? Future.succeededFuture() : parts.close());
  }
}
