package io.wxlogin.token.http;

import io.wxlogin.http.JsonReply;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: the process answers. Nothing else is checked, so a Redis outage never restarts it. */
public final class HealthHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    JsonReply.send(ctx, 200, new JsonObject().put("status", "up"));
  }
}
