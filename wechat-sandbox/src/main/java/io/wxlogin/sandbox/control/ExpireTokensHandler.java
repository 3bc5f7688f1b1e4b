package io.wxlogin.sandbox.control;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.sandbox.token.TokenBook;

/**
 * {@code POST /sandbox/expire-tokens [{"as":"expired"|"invalidated"}]}: every token issued so far stops
 * working, answering 42001 ("expired") or 40001 ("invalidated", the default) from then on. The next
 * token call of either kind issues a fresh one.
 */
public final class ExpireTokensHandler {

  private final TokenBook tokens;

  public ExpireTokensHandler(TokenBook tokens) {
    this.tokens = tokens;
  }

  public void handle(RoutingContext ctx) {
    JsonObject body = ControlJson.bodyOrAnswer400(ctx);
    if (body == null) {
      return;
    }
    Object as = body.getValue("as", "invalidated");
    if (!"expired".equals(as) && !"invalidated".equals(as)) {
      JsonReply.error(ctx, 400, "bad_request", "as must be \"expired\" or \"invalidated\"");
      return;
    }
    int n = tokens.expireAll("expired".equals(as));
    JsonReply.send(ctx, 200, new JsonObject().put("tokens", n).put("as", as)
        .put("errcode", "expired".equals(as) ? 42001 : 40001));
  }
}
