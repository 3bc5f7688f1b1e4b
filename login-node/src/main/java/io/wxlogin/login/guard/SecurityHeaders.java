package io.wxlogin.login.guard;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * The headers every page and API answer carries, errors and static files included (docs/security.md,
 * "Headers"): a CSP that runs no inline script or style and lets no site frame us, the same for old browsers
 * ({@code X-Frame-Options}), {@code nosniff}, and no Referer leaving with a scene id in it. Set just before
 * the headers are written, so no handler can forget them.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  private final String csp;

  /** {@code qrImageBase}: where QR images come from, the one other origin a page may load images from. */
  public SecurityHeaders(String qrImageBase) {
    this.csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" + origin(qrImageBase)
        + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  }

  private static String origin(String base) {
    try {
      URI u = URI.create(base);
      return u.getScheme() == null || u.getHost() == null ? ""
          : " " + u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> {
      MultiMap h = ctx.response().headers();
      h.set("Content-Security-Policy", csp);
      h.set("X-Frame-Options", "DENY");
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Referrer-Policy", "no-referrer");
    });
    ctx.next();
  }

  public String contentSecurityPolicy() {
    return csp;
  }
}
