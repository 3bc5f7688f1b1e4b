package io.wxlogin.token.http;

import io.wxlogin.http.JsonReply;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.token.store.TokenInfo;
import io.wxlogin.token.store.TokenStore;

/**
 * {@code GET /api/tokens}: per appid the expiry, age, writer and lease holder. The token itself is never
 * read from Redis here, so it cannot leak into this answer.
 */
public final class TokensHandler implements Handler<RoutingContext> {

  private final TokenStore store;

  public TokensHandler(TokenStore store) {
    this.store = store;
  }

  @Override
  public void handle(RoutingContext ctx) {
    store.describe().onComplete(ar -> {
      if (ar.failed()) {
        JsonReply.send(ctx, 503, JsonReply.errorBody("redis_unreachable",
            "cannot read the token state from Redis: " + ar.cause().getMessage()));
        return;
      }
      TokenInfo info = ar.result();
      JsonReply.send(ctx, 200, new JsonObject().put(info.appId(), describe(info, System.currentTimeMillis())));
    });
  }

  static JsonObject describe(TokenInfo info, long now) {
    JsonObject json = new JsonObject().put("stored", info.stored()).put("holder", info.holder());
    if (info.stored()) {
      json.put("expiresAt", info.expiresAt())
          .put("expiresInSeconds", Math.max(0, (info.expiresAt() - now) / 1000))
          .put("refreshedAt", info.refreshedAt())
          .put("ageSeconds", info.refreshedAt() == null ? null : Math.max(0, (now - info.refreshedAt()) / 1000))
          .put("refreshedBy", info.refreshedBy());
    }
    return json;
  }
}
