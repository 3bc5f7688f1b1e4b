package io.wxlogin.token.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every answer is JSON; errors are {@code {"error","message"}} plus any detail fields. */
final class JsonResponses {

  private JsonResponses() {
  }

  static void ok(RoutingContext ctx, JsonObject body) {
    send(ctx, 200, body);
  }

  static JsonObject error(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("cache-control", "no-store").end(body.encode());
  }
}
