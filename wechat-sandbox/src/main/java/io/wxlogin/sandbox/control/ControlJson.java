package io.wxlogin.sandbox.control;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The sandbox's own endpoints ({@code /sandbox/*}) answer like the login node's API, not like WeChat:
 * real HTTP statuses and {@code {"error","message"}} bodies.
 */
public final class ControlJson {

  private static final System.Logger LOG = System.getLogger("wxlogin.sandbox");

  private ControlJson() {
  }

  public static void ok(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().closed()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
  }

  public static void error(RoutingContext ctx, int status, String code, String message) {
    ok(ctx, status, new JsonObject().put("error", code).put("message", message));
  }

  /**
   * The router's failure handler: a clear 413 for a body over the limit, the status as-is for other
   * client errors, and 500 (with the cause logged once) for a bug.
   */
  public static void failure(RoutingContext ctx, int bodyLimit) {
    int status = ctx.statusCode();
    if (status == 413) {
      error(ctx, 413, "body_too_large", "the request body is larger than " + bodyLimit + " bytes");
    } else if (status >= 400 && status < 500) {
      error(ctx, status, "bad_request", "the request cannot be handled (HTTP " + status + ")");
    } else {
      LOG.log(System.Logger.Level.ERROR, "wechat-sandbox: " + ctx.request().method() + " "
          + ctx.request().path() + " failed", ctx.failure());
      error(ctx, 500, "internal", "the sandbox failed on this request; its log has the cause");
    }
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
      error(ctx, 400, "bad_json", "the body must be a JSON object");
      return null;
    }
  }
}
