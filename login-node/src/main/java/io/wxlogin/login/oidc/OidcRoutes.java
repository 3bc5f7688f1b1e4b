package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.redis.RedisKeys;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.login.web.Cors;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenID provider on one login node: {@link #mount(Router)} adds every endpoint, {@link #start()} loads the
 * signing keys. The node's subscriber follows their rotation: it subscribes {@link #keysChannel()} and calls
 * {@link #keysChanged()} on each message and after each reconnect. All state is in Redis, so any request of a
 * flow may land on any node. See docs/oidc.md.
 */
public final class OidcRoutes {

  public static final String DISCOVERY = "/.well-known/openid-configuration";
  public static final String AUTHORIZE = "/oauth2/authorize";
  public static final String TOKEN = "/oauth2/token";
  public static final String USERINFO = "/oauth2/userinfo";
  public static final String JWKS = "/oauth2/jwks";
  public static final String LOGOUT = "/oauth2/logout";
  public static final String REVOKE = "/oauth2/revoke";
  private static final int FORM_LIMIT = 16 * 1024;
  private static final long KEYS_SAFETY_RELOAD_MS = 60_000;

  private final Vertx vertx;
  private final OidcConfig config;
  private final RedisKeys keys;
  private final SigningKeys signingKeys;
  private final AuthRequestQr qr;
  private final java.util.function.Consumer<Router> routes;
  private long reloadTimer = -1;

  public OidcRoutes(Vertx vertx, OidcConfig config, RedisKeys keys, Redis redis, String appId,
      SessionStore sessions) {
    this.vertx = vertx;
    this.config = config;
    this.keys = keys;
    RedisHashes hashes = new RedisHashes(redis);
    signingKeys = new SigningKeys(redis, keys, appId, config.keysSecret());
    AuthRequests requests = new AuthRequests(hashes, keys, config.requestTtl());
    qr = new AuthRequestQr(config, requests);
    routes = routes(hashes, requests, sessions);
  }

  private java.util.function.Consumer<Router> routes(RedisHashes hashes, AuthRequests requests, SessionStore sessions) {
    UserGrants users = new UserGrants(hashes, keys, Math.max(config.ssoTtl(), config.refreshTokenTtl()));
    SsoSessions sso = new SsoSessions(hashes, keys, config.ssoTtl(), config.refreshTokenTtl()).indexedBy(users);
    Codes codes = new Codes(hashes, keys, config.codeTtl());
    RefreshFamilies families = new RefreshFamilies(hashes, keys, config.refreshTokenTtl());
    IdTokens idTokens = new IdTokens(config.issuer(), signingKeys, config.idTokenTtl());
    Revoker revoker = new Revoker(hashes, keys, families);
    ClientAuth auth = new ClientAuth(config);
    TokenIssuer issuer = new TokenIssuer(sessions, families, sso, users, idTokens,
        config.accessTokenTtl());
    DiscoveryHandler discovery = new DiscoveryHandler(config.issuer(), signingKeys);
    AuthorizeHandler authorize = new AuthorizeHandler(config, requests, sso, codes);
    TokenHandler token = new TokenHandler(auth, codes, families, sessions, issuer, revoker);
    UserInfoHandler userinfo = new UserInfoHandler(sessions);
    LogoutHandler logout = new LogoutHandler(config, idTokens, sso, revoker);
    RevokeHandler revoke = new RevokeHandler(auth, families, revoker, hashes, keys);
    RequestsHandler pending = new RequestsHandler(config, requests);
    CompleteHandler complete = new CompleteHandler(config, requests, sessions, sso, codes, hashes, keys);

    BodyHandler body = BodyHandler.create(false).setBodyLimit(FORM_LIMIT);
    Handler<RoutingContext> cors = browserApps();
    return r -> {
      if (cors != null) {
        List.of(TOKEN, USERINFO, REVOKE).forEach(path -> r.route(path).handler(cors));
      }
      r.get(DISCOVERY).handler(discovery::discovery);
      r.get(JWKS).handler(discovery::jwks);
      r.get(AUTHORIZE).handler(authorize::handle);
      r.post(AUTHORIZE).handler(body).handler(authorize::handle);
      r.get("/oauth2/requests/:id").handler(pending::handle);
      r.post("/oauth2/complete").handler(body).handler(complete::handle);
      r.post(TOKEN).handler(body).handler(token::handle);
      r.get(USERINFO).handler(userinfo::handle);
      r.post(USERINFO).handler(body).handler(userinfo::handle);
      r.get(LOGOUT).handler(logout::handle);
      r.post(LOGOUT).handler(body).handler(logout::handle);
      r.post(REVOKE).handler(body).handler(revoke::handle);
    };
  }

  /**
   * A public client runs in the browser (a SPA) and calls the token, userinfo and revocation endpoints from its
   * own origin: the origins of public clients' redirect URIs may, nobody else.
   */
  private Handler<RoutingContext> browserApps() {
    Set<String> origins = new TreeSet<>();
    config.clients().values().stream().filter(c -> !c.confidential()).flatMap(c -> c.redirectUris().stream())
        .map(URI::create).filter(u -> u.getScheme().startsWith("http"))
        .forEach(u -> origins.add(u.getScheme() + "://" + u.getRawAuthority()));
    return origins.isEmpty() ? null : Cors.allow(List.copyOf(origins), Set.of(HttpMethod.GET, HttpMethod.POST));
  }

  /** Adds every OIDC endpoint to {@code router}; call before any catch-all route. */
  public void mount(Router router) {
    routes.accept(router);
  }

  /** What {@code POST /api/login/qrcode {"authreq"}} needs. */
  public AuthRequestQr qr() {
    return qr;
  }

  /** The channel on which the token-server announces key changes. */
  public String keysChannel() {
    return keys.oidcKeysChannel();
  }

  /** The keys changed, or a change may have been missed while pub/sub was down: re-read them. */
  public void keysChanged() {
    signingKeys.reload();
  }

  /** Loads the keys (none yet is not fatal: the token-server may start later) and re-reads them every minute. */
  public Future<Void> start() {
    reloadTimer = vertx.setPeriodic(KEYS_SAFETY_RELOAD_MS, id -> signingKeys.reload());
    return signingKeys.reload().recover(t -> Future.succeededFuture());
  }

  public void stop() {
    vertx.cancelTimer(reloadTimer);
  }
}
