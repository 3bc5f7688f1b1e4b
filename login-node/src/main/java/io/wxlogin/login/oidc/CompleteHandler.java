package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.login.scene.SceneStatus;
import io.wxlogin.redis.RedisFields.Scene;
import io.wxlogin.redis.RedisKeys;

/**
 * {@code POST /oauth2/complete {"authreq","token"}}: the QR page hands over the session its poll received. The
 * request completes only if that session belongs to the user who scanned this request's own QR code (so a
 * session from another login cannot be planted into someone else's request). It starts the SSO session (cookie),
 * issues the code, ends the page's session and request, and answers where the browser goes next.
 */
final class CompleteHandler {

  private final OidcConfig config;
  private final AuthRequests requests;
  private final SessionStore sessions;
  private final SsoSessions sso;
  private final Codes codes;
  private final RedisHashes redis;
  private final RedisKeys keys;

  CompleteHandler(OidcConfig config, AuthRequests requests, SessionStore sessions, SsoSessions sso, Codes codes,
      RedisHashes redis, RedisKeys keys) {
    this.config = config;
    this.requests = requests;
    this.sessions = sessions;
    this.sso = sso;
    this.codes = codes;
    this.redis = redis;
    this.keys = keys;
  }

  /** A refusal the page can show. */
  private static final class Refused extends RuntimeException {
    final int status;
    final String code;

    Refused(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  void handle(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !(body.getValue("authreq") instanceof String id) || !(body.getValue("token") instanceof String t)) {
      OAuthReply.error(ctx, 400, "invalid_request", "Send JSON {\"authreq\": \"…\", \"token\": \"…\"}.");
      return;
    }
    complete(id, t)
        .onSuccess(done -> {
          ctx.response().addCookie(Cookie.cookie(AuthorizeHandler.SSO_COOKIE, done.getString("cookie"))
              .setPath("/").setHttpOnly(true).setSecure(config.secureCookies()).setSameSite(CookieSameSite.LAX)
              .setMaxAge(sso.ttlSeconds()));
          OAuthReply.json(ctx, 200, new JsonObject().put("redirect", done.getString("redirect")));
        })
        .onFailure(e -> {
          if (e instanceof Refused r) {
            OAuthReply.error(ctx, r.status, r.code, r.getMessage());
          } else {
            OAuthReply.unavailable(ctx, e);
          }
        });
  }

  private Future<JsonObject> complete(String id, String token) {
    return requests.find(id).compose(pending -> {
      if (pending == null) {
        throw new Refused(404, "unknown_request", "This login request is unknown or has expired.");
      }
      return sessions.find(token).compose(session -> {
        if (session == null) {
          throw new Refused(401, "invalid_token", "The session token is not valid.");
        }
        return scannedBy(pending.request().scene(), session.openid())
            .compose(authTime -> requests.finish(id).compose(finished -> {
              if (!finished) {
                throw new Refused(404, "unknown_request", "This login request was already completed.");
              }
              return sso.create(session.openid(), session.newUser(), authTime)
                  .compose(created -> linked(created, pending.request().scene()))
                  .compose(created -> issue(pending.request(), session, authTime, created, token));
            }));
      });
    });
  }

  /** The scan time (epoch s) if this request's QR code was scanned and consumed by {@code openid}. */
  private Future<Long> scannedBy(String scene, String openid) {
    if (scene == null) {
      return Future.failedFuture(new Refused(403, "not_scanned", "No QR code of this login request was scanned."));
    }
    return redis.read(keys.scene(scene)).map(s -> {
      if (s == null || !openid.equals(s.get(Scene.OPENID.field()))
          || !SceneStatus.CONSUMED.name().equals(s.get(Scene.STATUS.field()))) {
        throw new Refused(403, "not_scanned", "This session did not come from this login request's QR code.");
      }
      String at = s.get(Scene.CONFIRMED_AT.field());
      return at == null ? System.currentTimeMillis() / 1000 : Long.parseLong(at) / 1000;
    });
  }

  /** The new SSO session recorded on the scan's scene; if the user answered {@code 0} meanwhile, it ends at once. */
  private Future<SsoSessions.Created> linked(SsoSessions.Created created, String scene) {
    String sid = created.sso().sid();
    return sso.linkToScene(sid, scene, created.sso().openid()).compose(linked -> linked
        ? Future.succeededFuture(created)
        : sso.end(sid).compose(grants -> Future.failedFuture(new Refused(403, "login_ended",
            "This login was ended from WeChat."))));
  }

  private Future<JsonObject> issue(AuthRequest req, SessionStore.Session session, long authTime,
      SsoSessions.Created created, String pageToken) {
    Grant g = new Grant(req.clientId(), session.openid(), session.newUser(), authTime, req.scopes(), req.nonce(),
        created.sso().sid());
    return codes.issue(g, req.redirectUri(), req.codeChallenge())
        .compose(code -> sessions.delete(pageToken).map(v -> new JsonObject()
            .put("cookie", created.cookie())
            .put("redirect", AuthorizeHandler.successRedirect(req, code, config.issuer()))));
  }
}
