package io.wxlogin.login.oidc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider's answers: JSON with the project's {@code {"error","message"}} shape plus RFC 6749's
 * {@code error_description}; redirects back to a client with query parameters; and the plain error page shown
 * when a request cannot be trusted with a redirect (unknown client, unregistered redirect_uri).
 */
final class OAuthReply {

  private static final System.Logger LOG = System.getLogger("wxlogin.oidc");

  private OAuthReply() {
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().putHeader("Pragma", "no-cache");
    JsonReply.send(ctx, status, body);
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("error", code).put("error_description", message).put("message", message));
  }

  static void unavailable(RoutingContext ctx, Throwable t) {
    if (!(t instanceof SigningKeys.NoKeyException)) {
      LOG.log(System.Logger.Level.WARNING, "OIDC request failed: " + t);
    }
    error(ctx, 503, "temporarily_unavailable", "The login service is temporarily unavailable; try again shortly.");
  }

  /** {@code uri} with {@code params} appended to its query (RFC 6749 3.1.2: keep the existing query). */
  static String withQuery(String uri, Map<String, String> params) {
    StringBuilder b = new StringBuilder(uri);
    char sep = uri.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getValue() != null) {
        b.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    return b.toString();
  }

  /** An authorization error sent back to a verified redirect_uri, with {@code iss} (RFC 9207). */
  static String errorRedirect(String redirectUri, String error, String description, String state, String issuer) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("error", error);
    p.put("error_description", description);
    p.put("state", state);
    p.put("iss", issuer);
    return withQuery(redirectUri, p);
  }

  static void redirect(RoutingContext ctx, String location) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }
  }

  /** A page for the user, never a redirect: the request's redirect_uri is not one we may send anyone to. */
  static void page(RoutingContext ctx, int status, String title, String message) {
    if (ctx.response().ended()) {
      return;
    }
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></body></html>";
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff").end(html);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
