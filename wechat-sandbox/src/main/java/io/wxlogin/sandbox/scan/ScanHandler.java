package io.wxlogin.sandbox.scan;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.control.ControlJson;
import io.wxlogin.sandbox.control.Stats;
import io.wxlogin.sandbox.qr.QrBook;
import io.wxlogin.sandbox.qr.QrCode;
import io.wxlogin.wechat.WxCrypto;

/**
 * {@code POST /sandbox/scan}: what WeChat does after a user scans a parametric QR code. It pushes
 * {@code subscribe} (EventKey {@code qrscene_<scene>}) to a non-follower, who then follows, or {@code SCAN}
 * (EventKey {@code <scene>}) to a follower, waits for the callback's passive reply as WeChat would, and
 * answers what the user would see. An expired QR pushes nothing (410) unless the test forces it.
 */
public final class ScanHandler {

  private final QrBook qrs;
  private final Stats stats;
  private final Followers followers = new Followers();
  private final SignedPush.Signer signer;
  private final CallbackPoster poster;
  private final ReplyDecoder decoder;

  public ScanHandler(Vertx vertx, SandboxConfig config, QrBook qrs, Stats stats) {
    this.qrs = qrs;
    this.stats = stats;
    WxCrypto crypto = config.encrypted() ? new WxCrypto(config.appId(), config.aesKey()) : null;
    this.signer = new SignedPush.Signer(config, crypto);
    this.poster = new CallbackPoster(vertx, config.callbackTimeoutMs(), config.callbackRetries(), stats);
    this.decoder = new ReplyDecoder(config, crypto);
  }

  public void handle(RoutingContext ctx) {
    JsonObject body = ControlJson.bodyOrAnswer400(ctx);
    if (body == null) {
      return;
    }
    ScanRequest scan;
    try {
      scan = ScanRequest.parse(body);
    } catch (ScanRequest.Invalid e) {
      JsonReply.error(ctx, 400, "bad_scan", e.getMessage());
      return;
    }
    QrCode qr = scan.ticket() != null ? qrs.byTicket(scan.ticket()) : qrs.byUrl(scan.qrContent());
    if (qr == null) {
      JsonReply.error(ctx, 404, "unknown_qr", "no QR code with that ticket or content was ever created here");
      return;
    }
    if (qr.expiredAt(qrs.now()) && !scan.force()) {
      JsonReply.error(ctx, 410, "qr_expired", "the QR code expired at " + qr.expiresAt()
          + "; WeChat pushes nothing for it (send \"force\":true to push anyway)");
      return;
    }
    stats.scanned();
    push(scan, qr).onSuccess(result -> JsonReply.send(ctx, 200, result)).onFailure(ctx::fail);
  }

  private Future<JsonObject> push(ScanRequest scan, QrCode qr) {
    String openid = scan.openid() != null ? scan.openid() : Followers.newOpenId();
    boolean follows = followers.followsOnScan(openid, scan.follower());
    String event = follows ? "SCAN" : "subscribe";
    String eventKey = follows ? qr.scene() : "qrscene_" + qr.scene();
    SignedPush push = signer.event(openid, qrs.now().getEpochSecond(), event, eventKey, qr.ticket());
    long started = System.nanoTime();
    return poster.deliver(push).map(delivery -> {
      JsonObject result = new JsonObject().put("httpStatus", delivery.status()).put("attempts", delivery.attempts())
          .put("elapsedMs", (System.nanoTime() - started) / 1_000_000).put("event", event)
          .put("eventKey", eventKey).put("openid", openid);
      ReplyDecoder.Reply reply = reply(delivery, openid);
      result.put("reply", reply.text());
      if (reply.error() != null) {
        result.put("replyError", reply.error());
      }
      return result;
    });
  }

  private ReplyDecoder.Reply reply(CallbackPoster.Delivery delivery, String openid) {
    if (delivery.status() == null) {
      return ReplyDecoder.Reply.refused("no answer after " + delivery.attempts() + " attempts: " + delivery.failure());
    }
    if (delivery.status() != 200) {
      return ReplyDecoder.Reply.refused("the callback answered HTTP " + delivery.status());
    }
    return decoder.decode(delivery.body(), openid);
  }

  public Future<Void> close() {
    return poster.close();
  }
}
