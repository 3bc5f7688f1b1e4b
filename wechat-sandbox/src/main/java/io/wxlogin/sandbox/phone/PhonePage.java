package io.wxlogin.sandbox.phone;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /sandbox/phone}: a page that plays the user's phone (list the live QR codes, scan one as a
 * chosen user, chat with the account), so a login is clicked through with no curl. Its script and style
 * are files beside it, never inline, so the strict Content-Security-Policy below holds.
 */
public final class PhonePage {

  static final String PATH = "/sandbox/phone";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private PhonePage() {
  }

  public static void mount(Router router) {
    StaticHandler files = StaticHandler.create("sandbox-phone").setCachingEnabled(false).setIndexPage("index.html");
    // the page itself answers at the bare path too; its files are referred to by absolute paths
    router.get(PATH).handler(PhonePage::headers).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8").sendFile("sandbox-phone/index.html")
        .onFailure(ctx::fail));
    router.get(PATH + "/*").handler(PhonePage::headers).handler(files);
  }

  private static void headers(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }
}
