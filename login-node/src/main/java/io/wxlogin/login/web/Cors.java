package io.wxlogin.login.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for the listed origins, which never gets in the way of the node's own page.
 *
 * <p>Browsers send {@code Origin} on same-origin POSTs too, and Vert.x's CorsHandler refuses any origin it was
 * not given, so with {@code CORS_ALLOWED_ORIGINS} set the page at {@code /} could no longer ask for a QR code.
 * A request whose {@code Origin} names the host it was sent to is same-origin and skips the check. Only the
 * authority is compared: behind a TLS-terminating proxy the node sees http while the page is https, and a
 * browser cannot forge {@code Origin}, so this lets nothing cross-origin through.
 */
public final class Cors {

  private Cors() {
  }

  /** Allows {@code origins} to call with {@code methods}; {@code Retry-After} readable by their scripts. */
  public static Handler<RoutingContext> allow(List<String> origins, Set<HttpMethod> methods) {
    CorsHandler cors = CorsHandler.create().addOrigins(origins).allowedMethods(methods)
        .allowedHeader("Authorization").allowedHeader("Content-Type").exposedHeader("Retry-After");
    return ctx -> {
      if (sameOrigin(ctx)) {
        ctx.next();
      } else {
        cors.handle(ctx);
      }
    };
  }

  static boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (origin == null || host == null) {
      return false;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
