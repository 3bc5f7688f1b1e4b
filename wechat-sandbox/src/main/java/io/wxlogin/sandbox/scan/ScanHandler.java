package io.wxlogin.sandbox.scan;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.sandbox.control.ControlJson;
import io.wxlogin.sandbox.control.Stats;
import io.wxlogin.sandbox.qr.QrBook;
import io.wxlogin.sandbox.qr.QrCode;

/**
 * {@code POST /sandbox/scan}: what WeChat does after a user scans a parametric QR code. It pushes
 * {@code subscribe} (EventKey {@code qrscene_<scene>}) to a non-follower, who then follows, or {@code SCAN}
 * (EventKey {@code <scene>}) to a follower, waits for the callback's passive reply as WeChat would, and
 * answers what the user would see. An expired QR pushes nothing (410) unless the test forces it.
 */
public final class ScanHandler {

  private final QrBook qrs;
  private final Stats stats;
  private final Followers followers;
  private final WeChatPusher pusher;

  public ScanHandler(QrBook qrs, Stats stats, Followers followers, WeChatPusher pusher) {
    this.qrs = qrs;
    this.stats = stats;
    this.followers = followers;
    this.pusher = pusher;
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
    SignedPush push = pusher.signer().event(openid, qrs.now().getEpochSecond(), event, eventKey, qr.ticket());
    return pusher.deliver(push, openid)
        .map(result -> result.put("event", event).put("eventKey", eventKey).put("openid", openid));
  }
}
