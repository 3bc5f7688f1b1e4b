package io.wxlogin.sandbox.token;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.sandbox.wxapi.DailyQuota;
import io.wxlogin.sandbox.wxapi.ErrCode;
import io.wxlogin.sandbox.wxapi.WxAnswer;

/** {@code GET /cgi-bin/token?grant_type=client_credential&appid=&secret=} (docs/wechat.md §4.1). */
public final class ClassicTokenHandler implements Handler<RoutingContext> {

  private final TokenBook tokens;
  private final Credentials credentials;
  private final DailyQuota quota;

  public ClassicTokenHandler(TokenBook tokens, String appId, String secret, DailyQuota quota) {
    this.tokens = tokens;
    this.credentials = new Credentials(appId, secret);
    this.quota = quota;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    int refused = credentials.check(q.get("grant_type"), q.get("appid"), q.get("secret"));
    if (refused != 0) {
      WxAnswer.error(ctx, refused);
    } else if (!quota.tryUse()) {
      WxAnswer.error(ctx, ErrCode.DAILY_QUOTA);
    } else {
      TokenBook.Grant grant = tokens.issueClassic();
      WxAnswer.json(ctx, new JsonObject().put("access_token", grant.token()).put("expires_in", grant.expiresIn()));
    }
  }
}
