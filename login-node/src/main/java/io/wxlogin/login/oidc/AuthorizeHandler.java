package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|POST /oauth2/authorize}. A valid request is answered at once with a code when the browser's SSO
 * session satisfies it ({@code prompt}, {@code max_age}, {@code login_hint}); otherwise {@code prompt=none}
 * gets {@code login_required}, and everyone else is sent to the QR page with {@code /?authreq=<id>}.
 */
final class AuthorizeHandler {

  static final String SSO_COOKIE = "wxlogin_sso";

  private final OidcConfig config;
  private final AuthorizeParser parser;
  private final AuthRequests requests;
  private final SsoSessions sso;
  private final Codes codes;

  AuthorizeHandler(OidcConfig config, AuthRequests requests, SsoSessions sso, Codes codes) {
    this.config = config;
    this.parser = new AuthorizeParser(config);
    this.requests = requests;
    this.sso = sso;
    this.codes = codes;
  }

  void handle(RoutingContext ctx) {
    MultiMap params = "POST".equals(ctx.request().method().name()) ? ctx.request().formAttributes()
        : ctx.queryParams();
    AuthorizeParser.Outcome o = parser.parse(params);
    if (o.pageTitle() != null) {
      OAuthReply.page(ctx, 400, o.pageTitle(), o.pageMessage());
      return;
    }
    if (o.error() != null) {
      OAuthReply.redirect(ctx, OAuthReply.errorRedirect(o.redirectUri(), o.error(), o.description(), o.state(),
          config.issuer()));
      return;
    }
    AuthRequest req = o.request();
    Cookie cookie = ctx.request().getCookie(SSO_COOKIE);
    sso.find(cookie == null ? null : cookie.getValue())
        .compose(session -> satisfies(req, session) ? codeFor(req, session).map(code -> success(req, code))
            : req.prompt().contains("none")
                ? Future.succeededFuture(OAuthReply.errorRedirect(req.redirectUri(), "login_required",
                    "The user must scan the QR code to log in.", req.state(), config.issuer()))
                : requests.create(req).map(id -> "/?authreq=" + id))
        .onSuccess(location -> OAuthReply.redirect(ctx, location))
        .onFailure(t -> OAuthReply.page(ctx, 503, "Login is temporarily unavailable",
            "The login service could not be reached; try again shortly."));
  }

  /** OIDC Core 3.1.2.3: an existing authentication may be reused unless the request asks for a fresh one. */
  private static boolean satisfies(AuthRequest req, SsoSessions.Sso session) {
    if (session == null || req.prompt().contains("login") || req.prompt().contains("select_account")) {
      return false;
    }
    long age = System.currentTimeMillis() / 1000 - session.authTime();
    if (req.maxAge() == 0 || (req.maxAge() > 0 && age > req.maxAge())) {
      return false;
    }
    return req.loginHint() == null || req.loginHint().equals(session.openid());
  }

  private Future<String> codeFor(AuthRequest req, SsoSessions.Sso session) {
    Grant g = new Grant(req.clientId(), session.openid(), session.newUser(), session.authTime(), req.scopes(),
        req.nonce(), session.sid());
    return codes.issue(g, req.redirectUri(), req.codeChallenge());
  }

  private String success(AuthRequest req, String code) {
    return successRedirect(req, code, config.issuer());
  }

  static String successRedirect(AuthRequest req, String code, String issuer) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("code", code);
    p.put("state", req.state());
    p.put("iss", issuer);
    return OAuthReply.withQuery(req.redirectUri(), p);
  }
}
