package io.wxlogin.token.http;

import io.vertx.ext.web.Router;

/** Unknown paths and unexpected failures answer in the same JSON error shape as everything else. */
public final class RouterErrors {

  private static final System.Logger LOG = System.getLogger(RouterErrors.class.getName());

  private RouterErrors() {
  }

  public static void install(Router router) {
    router.errorHandler(404, ctx -> JsonResponses.send(ctx, 404,
        JsonResponses.error("not_found", "no such resource: " + ctx.request().method() + " " + ctx.request().path())));
    router.errorHandler(405, ctx -> JsonResponses.send(ctx, 405,
        JsonResponses.error("method_not_allowed", ctx.request().method() + " is not supported here")));
    router.errorHandler(500, ctx -> {
      LOG.log(System.Logger.Level.WARNING, "request " + ctx.request().path() + " failed", ctx.failure());
      JsonResponses.send(ctx, 500, JsonResponses.error("internal", "the token-server failed to answer"));
    });
  }
}
