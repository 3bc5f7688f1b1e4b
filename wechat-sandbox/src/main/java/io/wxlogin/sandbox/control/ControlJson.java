package io.wxlogin.sandbox.control;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;

/**
 * The sandbox's own endpoints ({@code /sandbox/*}) answer like the login node's API, not like WeChat:
 * real HTTP statuses and {@code {"error","message"}} bodies through {@link JsonReply}.
 */
public final class ControlJson {

  private ControlJson() {
  }

  /**
   * The request body as a JSON object; an empty body is {@code {}}. Answers 400 and returns null when the
   * body is not a JSON object.
   */
  public static JsonObject bodyOrAnswer400(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      JsonReply.error(ctx, 400, "bad_json", "the body must be a JSON object");
      return null;
    }
  }
}
