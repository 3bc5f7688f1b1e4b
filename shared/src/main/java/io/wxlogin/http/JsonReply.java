package io.wxlogin.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one way every wxlogin server answers JSON, errors included: {@code {"error":"<code>","message":"<one
 * human sentence>"}}. Answers are never cached and never content-sniffed by a browser.
 */
public final class JsonReply {

  private JsonReply() {
  }

  /** Answers {@code body} with {@code status}; does nothing when the response is already ended or closed. */
  public static void send(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(body.encode());
  }

  /** Answers {@code {"error": code, "message": message}}. */
  public static void error(RoutingContext ctx, int status, String code, String message) {
    send(ctx, status, errorBody(code, message));
  }

  /** The error shape, for answers that add detail fields to it. */
  public static JsonObject errorBody(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }
}
