package io.wxlogin.login.oidc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.login.session.SessionStore;

/** {@code GET|POST /oauth2/userinfo} with {@code Authorization: Bearer <access token>} (OIDC Core 5.3). */
final class UserInfoHandler {

  private final SessionStore sessions;

  UserInfoHandler(SessionStore sessions) {
    this.sessions = sessions;
  }

  void handle(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    String token = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
    sessions.find(token)
        .onSuccess(s -> {
          if (s == null) {
            ctx.response().putHeader("WWW-Authenticate", token == null ? "Bearer realm=\"wxlogin\""
                : "Bearer realm=\"wxlogin\", error=\"invalid_token\"");
            OAuthReply.error(ctx, 401, "invalid_token", "The access token is missing, expired or revoked.");
          } else {
            OAuthReply.json(ctx, 200, new JsonObject().put("sub", s.openid()).put("wechat_new_user", s.newUser()));
          }
        })
        .onFailure(t -> OAuthReply.unavailable(ctx, t));
  }
}
