package io.wxlogin.sandbox.qr;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.sandbox.token.TokenBook;
import io.wxlogin.sandbox.wxapi.DailyQuota;
import io.wxlogin.sandbox.wxapi.ErrCode;
import io.wxlogin.sandbox.wxapi.WxAnswer;

/**
 * {@code POST /cgi-bin/qrcode/create?access_token=} (docs/wechat.md §5.1, §5.2). The token is checked
 * before the body, as every WeChat API does; only created codes count against the daily quota.
 */
public final class QrCreateHandler implements Handler<RoutingContext> {

  private final TokenBook tokens;
  private final QrBook qrs;
  private final DailyQuota quota;

  public QrCreateHandler(TokenBook tokens, QrBook qrs, DailyQuota quota) {
    this.tokens = tokens;
    this.qrs = qrs;
    this.quota = quota;
  }

  @Override
  public void handle(RoutingContext ctx) {
    int tokenError = tokens.check(ctx.queryParams().get("access_token"));
    if (tokenError != 0) {
      WxAnswer.error(ctx, tokenError);
      return;
    }
    JsonObject body = WxAnswer.jsonBodyOr47001(ctx);
    if (body == null) {
      return;
    }
    QrRequest request;
    try {
      request = QrRequest.parse(body);
    } catch (QrRequest.Invalid e) {
      WxAnswer.error(ctx, ErrCode.INVALID_ARGS, e.getMessage());
      return;
    }
    if (!quota.tryUse()) {
      WxAnswer.error(ctx, ErrCode.DAILY_QUOTA);
      return;
    }
    QrCode qr = qrs.create(request);
    JsonObject answer = new JsonObject().put("ticket", qr.ticket());
    if (request.expireSeconds() != null) {
      answer.put("expire_seconds", request.expireSeconds());
    }
    WxAnswer.json(ctx, answer.put("url", qr.url()));
  }
}
