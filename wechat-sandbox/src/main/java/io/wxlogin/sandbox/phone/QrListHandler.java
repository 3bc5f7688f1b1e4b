package io.wxlogin.sandbox.phone;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.sandbox.qr.QrBook;
import io.wxlogin.sandbox.qr.QrCode;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /sandbox/qrcodes}: the QR codes a user could scan right now, newest first, for the phone page
 * and for tests that need "the code the page is showing" without reading the picture.
 */
public final class QrListHandler {

  static final int LIMIT = 100;
  private static final int SCENE_SHOWN = 8;

  private final QrBook qrs;

  public QrListHandler(QrBook qrs) {
    this.qrs = qrs;
  }

  public void handle(RoutingContext ctx) {
    Instant now = qrs.now();
    JsonArray list = new JsonArray();
    qrs.live(LIMIT).forEach(qr -> list.add(entry(qr, now)));
    JsonReply.send(ctx, 200, new JsonObject().put("qrcodes", list));
  }

  private static JsonObject entry(QrCode qr, Instant now) {
    return new JsonObject().put("ticket", qr.ticket()).put("qrContent", qr.url()).put("scene", shortened(qr.scene()))
        .put("action", qr.actionName()).put("ageSeconds", Duration.between(qr.createdAt(), now).toSeconds())
        .put("expiresIn", qr.expiresAt() == null ? null : Duration.between(now, qr.expiresAt()).toSeconds());
  }

  /**
   * A login node's scene id is the secret a browser polls with; like the servers' logs, the list shows only
   * its start. The ticket is what a scan needs.
   */
  static String shortened(String scene) {
    return scene.length() <= SCENE_SHOWN ? scene : scene.substring(0, SCENE_SHOWN) + "…";
  }
}
