package io.wxlogin.login.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET|POST /oauth2/logout}, OpenID Connect RP-Initiated Logout 1.0: ends the SSO session (the cookie's,
 * else the one named by the id_token_hint's {@code sid}) and every token it issued, then returns to a
 * registered {@code post_logout_redirect_uri} (exact match) with {@code state}, or shows a logged-out page.
 */
final class LogoutHandler {

  private final OidcConfig config;
  private final IdTokens idTokens;
  private final SsoSessions sso;
  private final Revoker revoker;

  LogoutHandler(OidcConfig config, IdTokens idTokens, SsoSessions sso, Revoker revoker) {
    this.config = config;
    this.idTokens = idTokens;
    this.sso = sso;
    this.revoker = revoker;
  }

  void handle(RoutingContext ctx) {
    MultiMap p = "POST".equals(ctx.request().method().name()) ? ctx.request().formAttributes() : ctx.queryParams();
    String hint = p.get("id_token_hint");
    Future<JWTClaimsSet> claims = hint == null ? Future.succeededFuture(null) : idTokens.verifyOurs(hint);
    claims.onFailure(t -> failed(ctx)).onSuccess(c -> {
      if (hint != null && c == null) {
        OAuthReply.page(ctx, 400, "Logout request refused", "The id_token_hint was not issued by this login service.");
        return;
      }
      if (c == null && !confirmed(ctx, p)) {
        LogoutConfirmPage.send(ctx, p);
        return;
      }
      String target = target(p, c);
      if (target == null && p.get("post_logout_redirect_uri") != null) {
        OAuthReply.page(ctx, 400, "Logout request refused",
            "The post_logout_redirect_uri is not registered for this application.");
        return;
      }
      Cookie cookie = ctx.request().getCookie(AuthorizeHandler.SSO_COOKIE);
      String sid = cookie != null ? SsoSessions.sidOf(cookie.getValue()) : c == null ? null : sid(c);
      Future<Void> ended = sid == null ? Future.succeededFuture() : sso.end(sid).compose(revoker::grants);
      ended.onFailure(t -> failed(ctx)).onSuccess(v -> done(ctx, target, p.get("state")));
    });
  }

  /**
   * Without an id_token_hint any web page could log the user out by linking here, so the user confirms with a
   * POST from our own page; the SSO cookie is SameSite=Lax, so a cross-site POST cannot carry it.
   */
  private static boolean confirmed(RoutingContext ctx, MultiMap p) {
    return "POST".equals(ctx.request().method().name()) && "1".equals(p.get("confirm"));
  }

  /** The registered post-logout URI asked for, or null when none was asked for or it is not registered. */
  private String target(MultiMap p, JWTClaimsSet hint) {
    String uri = p.get("post_logout_redirect_uri");
    if (uri == null) {
      return null;
    }
    String clientId = p.get("client_id");
    List<String> aud = hint == null ? List.of() : hint.getAudience();
    if (clientId == null && aud.size() == 1) {
      clientId = aud.get(0);
    } else if (clientId != null && hint != null && !aud.contains(clientId)) {
      return null;
    }
    OidcClient client = config.client(clientId);
    return client != null && client.postLogoutRedirectUris().contains(uri) ? uri : null;
  }

  private static String sid(JWTClaimsSet c) {
    Object sid = c.getClaim("sid");
    return sid instanceof String s && Opaque.urlSafe(s, 22) ? s : null;
  }

  private void done(RoutingContext ctx, String target, String state) {
    ctx.response().addCookie(Cookie.cookie(AuthorizeHandler.SSO_COOKIE, "").setPath("/").setMaxAge(0)
        .setHttpOnly(true).setSecure(config.secureCookies()));
    if (target != null) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("state", state);
      OAuthReply.redirect(ctx, OAuthReply.withQuery(target, q));
    } else {
      OAuthReply.page(ctx, 200, "You are logged out", "You are logged out of every application that used this login.");
    }
  }

  private static void failed(RoutingContext ctx) {
    OAuthReply.page(ctx, 503, "Logout is temporarily unavailable", "Try again shortly.");
  }
}
