package io.wxlogin.sandbox.token;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.sandbox.wxapi.DailyQuota;
import io.wxlogin.sandbox.wxapi.ErrCode;
import io.wxlogin.sandbox.wxapi.WxAnswer;
import java.time.Clock;

/** {@code POST /cgi-bin/stable_token} with a JSON body (docs/wechat.md §4.2). */
public final class StableTokenHandler implements Handler<RoutingContext> {

  private final TokenBook tokens;
  private final Credentials credentials;
  private final DailyQuota quota;
  private final ForceRefreshLimit forceLimit;

  public StableTokenHandler(TokenBook tokens, String appId, String secret, DailyQuota quota, Clock clock) {
    this.tokens = tokens;
    this.credentials = new Credentials(appId, secret);
    this.quota = quota;
    this.forceLimit = new ForceRefreshLimit(clock);
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body = WxAnswer.jsonBodyOr47001(ctx);
    if (body == null) {
      return;
    }
    Object force = body.getValue("force_refresh", false);
    if (!(force instanceof Boolean) || !stringsOrAbsent(body, "grant_type", "appid", "secret")) {
      WxAnswer.error(ctx, ErrCode.DATA_FORMAT_ERROR);
      return;
    }
    int refused = credentials.check(body.getString("grant_type"), body.getString("appid"), body.getString("secret"));
    if (refused != 0) {
      WxAnswer.error(ctx, refused);
    } else if (!quota.tryUse()) {
      WxAnswer.error(ctx, ErrCode.DAILY_QUOTA);
    } else {
      grant(ctx, (Boolean) force);
    }
  }

  private void grant(RoutingContext ctx, boolean force) {
    TokenBook.Grant grant;
    if (!force) {
      grant = tokens.stable();
    } else {
      switch (forceLimit.tryForce()) {
        case REFRESH -> grant = tokens.forceStable();
        // "否则不会刷新": a force call too soon is answered as a normal call
        case TOO_SOON -> grant = tokens.stable();
        default -> {
          WxAnswer.error(ctx, ErrCode.DAILY_QUOTA, "force_refresh is limited to 20 calls a day");
          return;
        }
      }
    }
    WxAnswer.json(ctx, new JsonObject().put("access_token", grant.token()).put("expires_in", grant.expiresIn()));
  }

  private static boolean stringsOrAbsent(JsonObject body, String... fields) {
    for (String f : fields) {
      Object v = body.getValue(f);
      if (v != null && !(v instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
