package io.wxlogin.login;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.wxlogin.http.RouterErrors;
import io.wxlogin.login.guard.ConnectionGuard;
import io.wxlogin.login.web.Cors;
import io.wxlogin.login.guard.RawBody;
import io.wxlogin.server.ManagementConfig;
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
  private static final int QR_BODY_LIMIT = 1024;

  private final LoginNodeConfig config;
  private final PrometheusMeterRegistry registry;
  private Wiring parts;
  private HttpServer server;
  private HttpServer management;

  public LoginNodeVerticle(LoginNodeConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    parts = new Wiring(vertx, config, registry);
    Router router = Router.router(vertx);
    router.route().handler(parts.guards.headers).handler(parts.guards.queries);
    cors(router, config.node().corsAllowedOrigins());
    // the optional body names an OIDC authorization request: {"authreq":"<id>"}
    router.post("/api/login/qrcode").handler(BodyHandler.create(false).setBodyLimit(QR_BODY_LIMIT)).handler(parts.qr);
    router.get("/api/login/:scene").handler(parts.polls);
    router.get("/api/session").handler(parts.session::read);
    router.delete("/api/session").handler(parts.session::delete);
    router.get("/wechat/callback").handler(parts.callback::verifyUrl);
    // bytes, never a form: nothing in a callback's body is decoded before its signature checks out
    router.post("/wechat/callback").handler(new RawBody(CALLBACK_BODY_LIMIT)).handler(parts.callback::receive);
    router.get("/health").handler(parts.health::live);
    if (parts.oidc != null) {
      parts.oidc.mount(router);
    }
    // GET and HEAD only, so a wrong method on an API path is answered 405 rather than falling through to 404
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setCachingEnabled(false));
    RouterErrors.install(router, "login-node");
    return connect().compose(v -> listenManagement()).compose(v -> listen(router));
  }

  /** {@code /ready} and {@code /metrics} for operators, on loopback unless MANAGEMENT_HOST says otherwise. */
  private Future<Void> listenManagement() {
    Router operators = Router.router(vertx);
    operators.get("/health").handler(parts.health::live);
    operators.get("/ready").handler(parts.health::ready);
    operators.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    RouterErrors.install(operators, "login-node");
    ManagementConfig mc = config.guard().management();
    return vertx.createHttpServer().requestHandler(operators).listen(mc.port(), mc.host())
        .onSuccess(m -> management = m).mapEmpty();
  }

  private static void cors(Router router, List<String> origins) {
    if (!origins.isEmpty()) {
      router.route("/api/*").handler(Cors.allow(origins, Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)));
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
        .compose(v -> parts.tokens.reload().otherwiseEmpty().mapEmpty())
        .compose(v -> parts.oidc == null ? Future.succeededFuture() : parts.oidc.start());
  }

  private Future<HttpServer> listen(Router router) {
    ConnectionGuard guard = parts.guards.connections;
    return vertx.createHttpServer(ConnectionGuard.serverOptions().setPort(config.node().httpPort()))
        .connectionHandler(conn -> {
          guard.onConnection(conn);
          // a graceful shutdown answers held polls at once: the browser polls again, another node answers
          conn.shutdownHandler(x -> parts.parked.forAll(p -> p.answerUnavailable()));
        })
        .requestHandler(req -> {
          guard.onRequest(req);
          router.handle(req);
        })
        .listen()
        .onSuccess(s -> {
          server = s;
          parts.guards.start();
          LOG.log(System.Logger.Level.INFO, "login-node " + config.nodeId() + " listening on " + s.actualPort()
              + ", management on " + config.guard().management().host() + ":" + management.actualPort()
              + " (redis " + config.redis().describe() + ")");
        });
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Where {@code /ready} and {@code /metrics} are served, useful when MANAGEMENT_PORT is 0. */
  public int managementPort() {
    return management.actualPort();
  }

  public String nodeId() {
    return config.nodeId();
  }

  public int parkedPolls() {
    return parts.parked.size();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closing = (server == null ? Future.<Void>succeededFuture() : server.shutdown(5, TimeUnit.SECONDS))
        .eventually(() -> management == null ? Future.succeededFuture() : management.close());
    return closing.eventually(() -> parts == null ? Future.succeededFuture() : parts.close());
  }
}
