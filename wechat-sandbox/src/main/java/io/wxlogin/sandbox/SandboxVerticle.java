package io.wxlogin.sandbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.wxlogin.http.JsonReply;
import io.wxlogin.http.RouterErrors;
import io.wxlogin.sandbox.control.ExpireTokensHandler;
import io.wxlogin.sandbox.control.Faults;
import io.wxlogin.sandbox.control.FaultsHandler;
import io.wxlogin.sandbox.control.Stats;
import io.wxlogin.sandbox.control.StatsHandler;
import io.wxlogin.sandbox.qr.QrBook;
import io.wxlogin.sandbox.qr.QrCreateHandler;
import io.wxlogin.sandbox.qr.ShowQrHandler;
import io.wxlogin.sandbox.phone.PhonePage;
import io.wxlogin.sandbox.phone.QrListHandler;
import io.wxlogin.sandbox.scan.Followers;
import io.wxlogin.sandbox.scan.MessageHandler;
import io.wxlogin.sandbox.scan.ScanHandler;
import io.wxlogin.sandbox.scan.WeChatPusher;
import io.wxlogin.sandbox.token.ClassicTokenHandler;
import io.wxlogin.sandbox.token.StableTokenHandler;
import io.wxlogin.sandbox.token.TokenBook;
import io.wxlogin.sandbox.wxapi.ApiGate;
import io.wxlogin.sandbox.wxapi.DailyQuota;
import java.time.Clock;
import java.util.List;

/**
 * WeChat's servers (and a user's phone) for one Official Account, in memory. Deploy exactly one instance:
 * all state lives on its event loop, which is what makes it lock-free.
 */
public final class SandboxVerticle extends VerticleBase {

  public static final String TOKEN = "/cgi-bin/token";
  public static final String STABLE_TOKEN = "/cgi-bin/stable_token";
  public static final String QR_CREATE = "/cgi-bin/qrcode/create";
  public static final String SHOW_QR = ApiGate.SHOW_QR;
  public static final List<String> WECHAT_APIS = List.of(TOKEN, STABLE_TOKEN, QR_CREATE, SHOW_QR);

  static final int BODY_LIMIT = 64 * 1024;
  private static final System.Logger LOG = System.getLogger("wxlogin.sandbox");

  private final SandboxConfig config;
  private final Clock clock;
  private HttpServer server;
  private WeChatPusher pusher;

  public SandboxVerticle(SandboxConfig config) {
    this(config, Clock.systemDefaultZone());
  }

  /** With a clock of the test's choosing, so token and QR lifetimes can pass without waiting. */
  public SandboxVerticle(SandboxConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    TokenBook tokens = new TokenBook(clock, config.tokenTtlSeconds(), config.tokenOverlapSeconds());
    QrBook qrs = new QrBook(clock);
    Stats stats = new Stats(WECHAT_APIS);
    Faults faults = new Faults();
    ApiGate api = new ApiGate(vertx, stats, faults);
    StatsHandler statsHandler = new StatsHandler(stats);
    FaultsHandler faultsHandler = new FaultsHandler(faults, WECHAT_APIS);
    pusher = new WeChatPusher(vertx, config, stats);
    ScanHandler scan = new ScanHandler(qrs, stats, new Followers(), pusher);
    MessageHandler message = new MessageHandler(clock, stats, pusher);

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.get(TOKEN).handler(api.wrap(TOKEN, new ClassicTokenHandler(tokens, config.appId(), config.appSecret(),
        new DailyQuota(clock, config.tokenDailyQuota()))));
    router.post(STABLE_TOKEN).handler(api.wrap(STABLE_TOKEN, new StableTokenHandler(tokens, config.appId(),
        config.appSecret(), new DailyQuota(clock, config.tokenDailyQuota()), clock)));
    router.post(QR_CREATE).handler(api.wrap(QR_CREATE, new QrCreateHandler(tokens, qrs,
        new DailyQuota(clock, config.qrDailyQuota()))));
    router.get(SHOW_QR).handler(api.wrap(SHOW_QR, new ShowQrHandler(vertx, qrs)));
    router.post("/sandbox/scan").handler(scan::handle);
    router.post("/sandbox/message").handler(message::handle);
    router.get("/sandbox/qrcodes").handler(new QrListHandler(qrs)::handle);
    PhonePage.mount(router);
    router.get("/health").handler(ctx -> JsonReply.send(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/sandbox/stats").handler(statsHandler::show);
    router.delete("/sandbox/stats").handler(statsHandler::reset);
    router.post("/sandbox/faults").handler(faultsHandler::add);
    router.get("/sandbox/faults").handler(faultsHandler::list);
    router.delete("/sandbox/faults").handler(faultsHandler::clear);
    router.post("/sandbox/expire-tokens").handler(new ExpireTokensHandler(tokens)::handle);
    RouterErrors.install(router, "wechat-sandbox");

    return vertx.createHttpServer().requestHandler(router).listen(config.httpPort())
        .onSuccess(s -> {
          server = s;
          LOG.log(System.Logger.Level.INFO, "wechat-sandbox listening on " + s.actualPort() + " as " + config);
        });
  }

  /** The port actually bound (useful with port 0); only meaningful once started. */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("the sandbox is not listening yet: deploy it first");
    }
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return pusher == null ? closed : Future.join(closed, pusher.close());
  }
}
