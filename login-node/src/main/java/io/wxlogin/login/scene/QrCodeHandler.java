package io.wxlogin.login.scene;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.login.confirm.LoginRequester;
import io.wxlogin.login.confirm.RequesterDescriber;
import io.wxlogin.login.guard.QrGate;
import io.wxlogin.login.guard.RefusalLog;
import io.wxlogin.login.guard.WeChatRetry;
import io.wxlogin.login.oidc.AuthRequestQr;
import io.wxlogin.login.token.AccessTokens;
import io.wxlogin.http.JsonReply;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.wechat.WeChatApi;
import io.wxlogin.wechat.WeChatException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/login/qrcode}: a fresh random scene, a temporary {@code QR_STR_SCENE} ticket for it
 * from WeChat, and the scene stored PENDING for as long as the QR code lives, with what asked for it (browser,
 * OS, masked network, site) for the WeChat reply to name. Nothing is asked of WeChat before the {@link QrGate}
 * lets the request through (rate limits, the day's quota, calls in flight). A token WeChat refuses is replaced
 * through the token-server and the call is tried once more; WeChat's {@code -1} is retried inside the request's
 * budget.
 */
public final class QrCodeHandler implements Handler<RoutingContext> {

  private static final System.Logger LOG = System.getLogger("wxlogin.qrcode");

  private final WeChatApi wechat;
  private final AccessTokens tokens;
  private final SceneStore scenes;
  private final String qrImageBase;
  private final int ttlSeconds;
  private final RequesterDescriber requesters;
  private final LoginMetrics metrics;
  private final Vertx vertx;
  private final QrGate gate;
  private final long budgetMs;
  private final RefusalLog log = new RefusalLog(LOG);
  private AuthRequestQr authRequests;

  public QrCodeHandler(Vertx vertx, WeChatApi wechat, AccessTokens tokens, SceneStore scenes, String qrImageBase,
      int ttlSeconds, RequesterDescriber requesters, LoginMetrics metrics, QrGate gate, long budgetMs) {
    this.vertx = vertx;
    this.gate = gate;
    this.budgetMs = budgetMs;
    this.requesters = requesters;
    this.metrics = metrics;
    this.wechat = wechat;
    this.tokens = tokens;
    this.scenes = scenes;
    this.qrImageBase = qrImageBase;
    this.ttlSeconds = ttlSeconds;
  }

  /** With OIDC on: a body {@code {"authreq":"<id>"}} makes the QR code that authorization request's. */
  public QrCodeHandler withAuthRequests(AuthRequestQr authRequests) {
    this.authRequests = authRequests;
    return this;
  }

  /** An unknown authorization request is refused before the gate, so it costs no QR code allowance. */
  @Override
  public void handle(RoutingContext ctx) {
    Future<AuthRequestQr.Named> authreq = authRequests == null ? Future.succeededFuture(null)
        : authRequests.requestOf(ctx);
    authreq.compose(named -> gate.admit(ctx).map(ticket -> {
          if (ticket != null) {
            create(ctx, ticket, named);
          }
          return null;
        }))
        .onFailure(t -> fail(ctx, t));
  }

  private void create(RoutingContext ctx, QrGate.Ticket ticket, AuthRequestQr.Named authreq) {
    String scene = SceneStore.newSceneId();
    Future<LoginRequester> requester = requesters.describe(ctx.request(), authreq == null ? null : authreq.site());
    tokens.current()
        .compose(token -> WeChatRetry.call(vertx, budgetMs, () -> createQr(token, scene))
            .recover(t -> retryWithNewToken(t, token, scene)))
        .andThen(ar -> ticket.done(ar.failed() ? ar.cause() : null))
        .compose(qr -> requester.compose(r -> scenes.create(scene, qr.ticket(), ttlSeconds, r))
            .compose(created -> created ? Future.succeededFuture(qr)
                : Future.failedFuture(new IllegalStateException("scene id collision"))))
        .compose(qr -> authreq == null ? Future.succeededFuture(qr)
            : authRequests.attach(authreq.id(), scene).map(v -> qr))
        .onSuccess(qr -> {
          metrics.qrCode("ok");
          JsonReply.send(ctx, 201, new JsonObject()
              .put("scene", scene)
              .put("qrImageUrl", qrImageBase + "?ticket=" + URLEncoder.encode(qr.ticket(), StandardCharsets.UTF_8))
              .put("qrContent", qr.url())
              .put("expiresIn", ttlSeconds));
        })
        .onFailure(t -> fail(ctx, t));
  }

  private Future<WeChatApi.QrTicket> createQr(String token, String scene) {
    return wechat.createTemporaryQr(token, scene, ttlSeconds);
  }

  private Future<WeChatApi.QrTicket> retryWithNewToken(Throwable t, String failedToken, String scene) {
    if (t instanceof WeChatException e && e.kind() == WeChatException.Kind.TOKEN_INVALID) {
      LOG.log(System.Logger.Level.INFO, "WeChat refused the access_token (" + e.errcode() + "); asking the token-server");
      return tokens.replace(failedToken).compose(fresh -> createQr(fresh, scene));
    }
    return Future.failedFuture(t);
  }

  /** One answer per cause; the operator lines are written at most once a minute each (a flood is one line). */
  private void fail(RoutingContext ctx, Throwable t) {
    if (t instanceof AuthRequestQr.UnknownRequestException) {
      JsonReply.error(ctx, 404, "unknown_request", "This login request is unknown or has expired; start again from "
          + "the application.");
    } else if (t instanceof AccessTokens.NoTokenException) {
      metrics.qrCode("no_token");
      JsonReply.error(ctx, 503, "no_access_token", "No WeChat access_token is available yet; try again shortly.");
    } else if (t instanceof WeChatException e && e.errcode() == 45009) {
      metrics.qrCode("quota_exhausted");
      gate.quotaExhausted(ctx);
    } else if (WeChatRetry.slow(t)) {
      metrics.qrCode("wechat_slow");
      log.warn("wechat_slow", "qrcode/create got no answer within WECHAT_API_TIMEOUT_MS: WeChat is slow");
      QrGate.wechatSlow(ctx);
    } else if (t instanceof WeChatException e) {
      metrics.qrCode("wechat_error");
      log.warn("wechat_error", "qrcode/create failed: " + e.getMessage());
      JsonReply.error(ctx, 502, "wechat_error", "WeChat could not create a QR code right now; try again shortly.");
    } else {
      metrics.qrCode("unavailable");
      log.warn("unavailable", "cannot create a QR code: " + t);
      JsonReply.error(ctx, 503, "unavailable", "The login service is temporarily unavailable; try again shortly.");
    }
  }
}
