package io.wxlogin.login.session;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;

/** {@code GET /api/session} and {@code DELETE /api/session} with {@code Authorization: Bearer <token>}. */
public final class SessionHandler {

  private static final System.Logger LOG = System.getLogger("wxlogin.session");

  private final SessionStore sessions;

  public SessionHandler(SessionStore sessions) {
    this.sessions = sessions;
  }

  public void read(RoutingContext ctx) {
    String token = bearer(ctx);
    sessions.find(token)
        .onSuccess(s -> {
          if (s == null) {
            unauthorized(ctx);
          } else {
            JsonReply.send(ctx, 200, new JsonObject().put("openid", s.openid()).put("newUser", s.newUser())
                .put("loginAt", s.createdAt()).put("expiresIn", s.expiresIn()));
          }
        })
        .onFailure(t -> unavailable(ctx, t));
  }

  public void delete(RoutingContext ctx) {
    String token = bearer(ctx);
    if (token == null) {
      unauthorized(ctx);
      return;
    }
    sessions.delete(token)
        .onSuccess(existed -> ctx.response().setStatusCode(204).end())
        .onFailure(t -> unavailable(ctx, t));
  }

  private static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return h.substring(7).strip();
  }

  private static void unauthorized(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    JsonReply.error(ctx, 401, "unauthorized", "No valid session: log in again.");
  }

  private static void unavailable(RoutingContext ctx, Throwable t) {
    LOG.log(System.Logger.Level.WARNING, "session store unavailable: " + t);
    JsonReply.error(ctx, 503, "unavailable", "The session store is unreachable; try again shortly.");
  }
}
