package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.wxlogin.login.session.SessionStore;

/**
 * Issues a token response (RFC 6749 5.1 + OIDC Core 3.1.3.3): the access token is a login-node session tagged
 * with the client, a refresh token when the grant has offline_access, and an id_token. Everything issued is
 * listed under the SSO session so a logout ends it.
 */
final class TokenIssuer {

  private final SessionStore sessions;
  private final RefreshFamilies families;
  private final SsoSessions sso;
  private final IdTokens idTokens;
  private final int accessTtl;
  private final UserGrants users;

  TokenIssuer(SessionStore sessions, RefreshFamilies families, SsoSessions sso, UserGrants users, IdTokens idTokens,
      int accessTtl) {
    this.users = users;
    this.sessions = sessions;
    this.families = families;
    this.sso = sso;
    this.idTokens = idTokens;
    this.accessTtl = accessTtl;
  }

  /**
   * @param access minted beforehand, so its digest could be recorded by the code or the family first
   * @param refresh the family's new token, or null; {@code newFamily} when it starts the family
   */
  Future<JsonObject> issue(OidcClient client, Grant g, SessionStore.NewToken access, RefreshFamilies.Minted refresh,
      boolean newFamily) {
    String sessionSha = Opaque.sha256Hex(access.token());
    Future<String> stored = sessions.storeForClient(access, g.openid(), g.newUser(), client.clientId(), accessTtl);
    Future<Void> family = stored.compose(t -> refresh != null && newFamily
        ? families.create(refresh, g, sessionSha)
            .compose(v -> sso.addGrant(g.sid(), "f:" + refresh.familyId()))
            .compose(v -> users.add(g.openid(), "f:" + refresh.familyId()))
        : refresh == null ? sso.addGrant(g.sid(), "s:" + sessionSha) : Future.succeededFuture());
    Future<Void> standing = newFamily ? family.compose(v -> ssoStillLive(g, access, refresh)) : family;
    return standing.compose(v -> idTokens.sign(client, g, access.token(), g.nonce())).map(idToken -> {
      JsonObject body = new JsonObject().put("access_token", access.token()).put("token_type", "Bearer")
          .put("expires_in", accessTtl).put("id_token", idToken).put("scope", String.join(" ", g.scopes()));
      if (refresh != null) {
        body.put("refresh_token", refresh.token());
      }
      return body;
    });
  }

  /**
   * A code's tokens stand only if the SSO session that issued the code still does (the user may have answered
   * {@code 0} in WeChat since): its grants are recorded before this asks, so an end after it revokes them.
   */
  private Future<Void> ssoStillLive(Grant g, SessionStore.NewToken access, RefreshFamilies.Minted refresh) {
    if (g.sid() == null) {
      return Future.succeededFuture();
    }
    return sso.live(g.sid()).compose(live -> live ? Future.succeededFuture()
        : sessions.delete(access.token())
            .compose(v -> refresh == null ? Future.succeededFuture() : families.delete(refresh.familyId()))
            .compose(v -> Future.failedFuture(new TokenHandler.OAuthError("invalid_grant",
                "The login this code came from was ended."))));
  }
}
