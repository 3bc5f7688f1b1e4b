package io.wxlogin.sandbox.qr;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /cgi-bin/showqrcode?ticket=} (docs/wechat.md §5.3): the picture of the code's url, or
 * HTTP 404 for an unknown or expired ticket. The ticket must arrive URL-encoded; a raw {@code +} decodes
 * to a space and then matches nothing, exactly as at WeChat.
 *
 * <p>The picture is served as {@code image/png}: the bytes are PNG (lossless, so it scans at any size),
 * and a truthful type matters more than copying WeChat's non-standard {@code image/jpg}.
 */
public final class ShowQrHandler implements Handler<RoutingContext> {

  private static final String ONE_WEEK = "max-age=604800";

  private final Vertx vertx;
  private final QrBook qrs;

  public ShowQrHandler(Vertx vertx, QrBook qrs) {
    this.vertx = vertx;
    this.qrs = qrs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    QrCode qr = qrs.byTicket(ctx.queryParams().get("ticket"));
    if (qr == null || qr.expiredAt(qrs.now())) {
      ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("no such ticket");
      return;
    }
    vertx.executeBlocking(() -> QrImage.png(qr.url()))
        .onSuccess(png -> {
          if (!ctx.response().closed()) {
            ctx.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", ONE_WEEK)
                .end(Buffer.buffer(png));
          }
        })
        .onFailure(ctx::fail);
  }
}
