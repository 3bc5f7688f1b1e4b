package io.wxlogin.login.oidc;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The "log out?" page shown for a logout request without an id_token_hint: a plain form, no script. */
final class LogoutConfirmPage {

  private static final List<String> CARRIED = List.of("post_logout_redirect_uri", "client_id", "state");

  private LogoutConfirmPage() {
  }

  static void send(RoutingContext ctx, MultiMap p) {
    StringBuilder hidden = new StringBuilder("<input type=\"hidden\" name=\"confirm\" value=\"1\">");
    for (String name : CARRIED) {
      if (p.get(name) != null) {
        hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
            .append(OAuthReply.escape(p.get(name))).append("\">");
      }
    }
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log out?</title></head>"
        + "<body><h1>Log out?</h1><p>Log out of every application that used this WeChat login in this browser.</p>"
        + "<form method=\"post\" action=\"" + OidcRoutes.LOGOUT + "\">" + hidden
        + "<button type=\"submit\">Log out</button></form></body></html>";
    ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff").end(html);
  }
}
