package io.wxlogin.http;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The router's own answers (no route, wrong method, body over the limit, a handler's failure) in the same
 * JSON error shape as every other answer, instead of Vert.x's HTML pages.
 */
public final class RouterErrors {

  private static final System.Logger LOG = System.getLogger("wxlogin.http");
  private static final int MAX_ECHOED_PATH = 100;

  private RouterErrors() {
  }

  /** Installs the JSON answer for every 4xx and 5xx the router produces; {@code component} names the server. */
  public static void install(Router router, String component) {
    for (int status = 400; status < 600; status++) {
      int s = status;
      router.errorHandler(s, ctx -> answer(ctx, s, component));
    }
  }

  private static void answer(RoutingContext ctx, int status, String component) {
    switch (status) {
      case 404 -> JsonReply.error(ctx, 404, "not_found", "no such resource: " + request(ctx));
      case 405 -> JsonReply.error(ctx, 405, "method_not_allowed",
          ctx.request().method() + " is not supported here");
      case 413 -> JsonReply.error(ctx, 413, "body_too_large", "the request body is larger than this server accepts");
      default -> {
        if (status >= 500) {
          // the route's pattern, not the path: a path may carry a scene id
          LOG.log(System.Logger.Level.ERROR, component + ": " + ctx.request().method() + " " + route(ctx)
              + " failed", ctx.failure());
          JsonReply.error(ctx, status, "internal", "the " + component + " failed on this request; its log has the cause");
        } else {
          JsonReply.error(ctx, status, "bad_request", "the request cannot be handled (HTTP " + status + ")");
        }
      }
    }
  }

  private static String request(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null && path.length() > MAX_ECHOED_PATH) {
      path = path.substring(0, MAX_ECHOED_PATH) + "…";
    }
    return ctx.request().method() + " " + path;
  }

  private static String route(RoutingContext ctx) {
    Route r = ctx.currentRoute();
    return r == null || r.getPath() == null ? "(no route)" : r.getPath();
  }
}
