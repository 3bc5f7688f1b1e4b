package io.wxlogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenID provider driven by a relying-party library nobody here wrote (vertx-auth-oauth2, configured by
 * discovery alone), with Nimbus JOSE+JWT checking what it receives. Each step of each flow goes through a
 * round-robin load balancer, so consecutive steps land on different login nodes; the phone's scan is delivered
 * to the last node.
 */
class OidcProviderTest {

  static OidcFixture f;
  static OAuth2Auth shop;

  @BeforeAll
  static void start() {
    f = new OidcFixture(Map.of());
    shop = f.rp("shop", OidcFixture.SHOP_SECRET);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void anAppConfiguredByDiscoveryLogsInWithAScanOnTheOtherNode() throws Exception {
    Browser browser = new Browser();
    String verifier = "correct-horse-battery-staple-verifier-0123456789";
    String url = OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "state-1", "nonce-1", OidcFixture.s256(verifier), "openid");
    String back = f.login(browser, url, "o_oidc_full_flow_user_00000001");
    assertTrue(back.startsWith(OidcFixture.SHOP_CB + "?"), back);
    Map<String, String> q = Browser.query(back);
    assertEquals("state-1", q.get("state"));
    assertEquals(f.issuer, q.get("iss"));

    User user = OidcFixture.await(shop.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(q.get("code"))
        .setRedirectUri(OidcFixture.SHOP_CB).setCodeVerifier(verifier)));
    assertNotNull(user.attributes().getJsonObject("idToken"), "vertx-auth-oauth2 accepted the id_token");
    String idToken = user.principal().getString("id_token");
    String accessToken = user.principal().getString("access_token");
    JWTClaimsSet claims = f.verify(idToken);
    assertEquals("RS256", SignedJWT.parse(idToken).getHeader().getAlgorithm().getName());
    assertEquals(f.issuer, claims.getIssuer());
    assertEquals(List.of("shop"), claims.getAudience());
    assertEquals("o_oidc_full_flow_user_00000001", claims.getSubject());
    assertEquals("nonce-1", claims.getStringClaim("nonce"));
    assertEquals(OidcFixture.atHash(accessToken), claims.getStringClaim("at_hash"));
    assertEquals(Boolean.TRUE, claims.getBooleanClaim("wechat_new_user"));
    assertEquals(List.of("wxqr"), claims.getStringListClaim("amr"));
    assertNotNull(claims.getClaim("auth_time"));
    assertTrue(claims.getExpirationTime().after(claims.getIssueTime()));
    assertNull(user.principal().getString("refresh_token"), "no offline_access, no refresh token");

    JsonObject info = OidcFixture.await(shop.userInfo(user));
    assertEquals("o_oidc_full_flow_user_00000001", info.getString("sub"));
    assertTrue(f.proxy.served(0) > 0 && f.proxy.served(1) > 0, "both nodes answered parts of the flow");

    HttpCookie sso = browser.cookie("wxlogin_sso");
    assertTrue(sso != null && sso.isHttpOnly(), "an HttpOnly SSO cookie");
  }

  @Test
  void aSecondAppLogsInWithoutAScanAndPromptNoneNeedsAnSsoSession() {
    Browser browser = new Browser();
    OAuth2Auth wiki = f.rp("wiki", OidcFixture.WIKI_SECRET);
    String none = OidcFixture.authorizeUrl(wiki, OidcFixture.WIKI_CB, "s-none", null, null, "openid") + "&prompt=none";
    Browser.Answer refused = browser.get(none);
    assertEquals(302, refused.status());
    Map<String, String> q = Browser.query(refused.location());
    assertTrue(refused.location().startsWith(OidcFixture.WIKI_CB));
    assertEquals("login_required", q.get("error"));
    assertEquals("s-none", q.get("state"));

    f.logIn(browser, shop, OidcFixture.SHOP_CB, "o_oidc_sso_user_0000000000001", "openid");
    Browser.Answer silent = browser.get(none);
    assertTrue(silent.location().startsWith(OidcFixture.WIKI_CB), silent.location());
    assertNotNull(Browser.query(silent.location()).get("code"), "prompt=none with an SSO session gives a code");
    String second = f.login(browser, OidcFixture.authorizeUrl(wiki, OidcFixture.WIKI_CB, "s2", null, null, "openid"), "nobody");
    User wikiUser = OidcFixture.await(wiki.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
        .setCode(Browser.query(second).get("code")).setRedirectUri(OidcFixture.WIKI_CB)));
    assertEquals("o_oidc_sso_user_0000000000001", OidcFixture.await(wiki.userInfo(wikiUser)).getString("sub"));

    Browser.Answer forced = browser.get(OidcFixture.authorizeUrl(wiki, OidcFixture.WIKI_CB, "s3", null, null, "openid")
        + "&prompt=login");
    assertTrue(forced.location().startsWith("/?authreq="), "prompt=login asks for a scan: " + forced.location());
  }

  @Test
  void aPublicClientMustUsePkceAndAWrongVerifierIsRefused() throws Exception {
    OAuth2Auth spa = f.rp("spa", null);
    Browser browser = new Browser();
    Browser.Answer noPkce = browser.get(OidcFixture.authorizeUrl(spa, OidcFixture.SPA_CB, "p0", null, null, "openid"));
    assertEquals("invalid_request", Browser.query(noPkce.location()).get("error"));

    String verifier = "the-right-verifier-of-the-spa-0123456789-abcdefgh";
    String back = f.login(browser, OidcFixture.authorizeUrl(spa, OidcFixture.SPA_CB, "p1", "n", OidcFixture.s256(verifier), "openid"),
        "o_oidc_pkce_user_00000000000001");
    String code = Browser.query(back).get("code");
    Browser.Answer wrong = new Browser().postForm(f.issuer + "/oauth2/token", Map.of("grant_type",
        "authorization_code", "code", code, "redirect_uri", OidcFixture.SPA_CB, "client_id", "spa",
        "code_verifier", "a-wrong-verifier-of-the-spa-0123456789-abcdefgh"));
    assertEquals(400, wrong.status(), wrong.body());
    assertEquals("invalid_grant", wrong.json().getString("error"));
    Browser.Answer missing = new Browser().postForm(f.issuer + "/oauth2/token", Map.of("grant_type",
        "authorization_code", "code", code, "redirect_uri", OidcFixture.SPA_CB, "client_id", "spa"));
    assertEquals("invalid_grant", missing.json().getString("error"));

    User user = OidcFixture.await(spa.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code)
        .setRedirectUri(OidcFixture.SPA_CB).setCodeVerifier(verifier)));
    String idToken = user.principal().getString("id_token");
    assertEquals("ES256", SignedJWT.parse(idToken).getHeader().getAlgorithm().getName());
    assertEquals("o_oidc_pkce_user_00000000000001", f.verify(idToken).getSubject());
  }

  @Test
  void aCodeUsedTwiceIsRefusedAndWhatItGaveIsRevoked() throws Exception {
    Browser browser = new Browser();
    String back = f.login(browser, OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "c", null, null, "openid",
        "offline_access"), "o_oidc_code_reuse_user_0000001");
    Map<String, String> form = Map.of("grant_type", "authorization_code", "code", Browser.query(back).get("code"),
        "redirect_uri", OidcFixture.SHOP_CB);
    Browser.Answer first = f.token(form, "shop", OidcFixture.SHOP_SECRET);
    assertEquals(200, first.status(), first.body());
    assertEquals("no-store", first.header("Cache-Control"));
    String access = first.json().getString("access_token");
    String refresh = first.json().getString("refresh_token");
    assertEquals(200, f.userinfo(access).status());

    Browser.Answer again = f.token(form, "shop", OidcFixture.SHOP_SECRET);
    assertEquals(400, again.status());
    assertEquals("invalid_grant", again.json().getString("error"));
    assertEquals(401, f.userinfo(access).status(), "the access token of a replayed code is revoked");
    Browser.Answer refreshed = f.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), "shop",
        OidcFixture.SHOP_SECRET);
    assertEquals("invalid_grant", refreshed.json().getString("error"), "its refresh token too");
  }

  @Test
  void anUnknownClientOrUnregisteredRedirectUriGetsAPageNeverARedirect() {
    Browser browser = new Browser();
    String evil = OidcFixture.authorizeUrl(shop, "https://evil.example/steal", "s", null, null, "openid");
    Browser.Answer page = browser.get(evil);
    assertEquals(400, page.status());
    assertNull(page.location());
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    assertFalse(page.body().contains("evil.example"), "the page does not even link to it");

    Browser.Answer unknown = browser.get(f.issuer + "/oauth2/authorize?response_type=code&scope=openid"
        + "&client_id=nobody&redirect_uri=" + Browser.enc(OidcFixture.SHOP_CB));
    assertEquals(400, unknown.status());
    assertNull(unknown.location());

    Browser.Answer implicit = browser.get(OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "s9", null, null, "openid")
        .replace("response_type=code", "response_type=token"));
    assertEquals(302, implicit.status());
    assertEquals("unsupported_response_type", Browser.query(implicit.location()).get("error"));
    assertEquals("s9", Browser.query(implicit.location()).get("state"));
  }

  @Test
  void aConfidentialClientWithAWrongSecretIsRefused() {
    Browser browser = new Browser();
    String back = f.login(browser, OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "w", null, null, "openid"),
        "o_oidc_wrong_secret_user_00001");
    String code = Browser.query(back).get("code");
    Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
        OidcFixture.SHOP_CB);
    Browser.Answer basic = f.token(form, "shop", "not-the-shop-secret-000");
    assertEquals(401, basic.status());
    assertEquals("invalid_client", basic.json().getString("error"));
    assertNotNull(basic.header("WWW-Authenticate"));
    Browser.Answer post = new Browser().postForm(f.issuer + "/oauth2/token", Map.of("grant_type",
        "authorization_code", "code", code, "redirect_uri", OidcFixture.SHOP_CB, "client_id", "shop",
        "client_secret", "not-the-shop-secret-000"));
    assertEquals(401, post.status());
    Browser.Answer wiki = f.token(form, "wiki", OidcFixture.WIKI_SECRET);
    assertEquals("invalid_grant", wiki.json().getString("error"), "a code is bound to its client");
    Browser.Answer right = new Browser().postForm(f.issuer + "/oauth2/token", Map.of("grant_type",
        "authorization_code", "code", code, "redirect_uri", OidcFixture.SHOP_CB, "client_id", "shop",
        "client_secret", OidcFixture.SHOP_SECRET));
    assertEquals(200, right.status(), "client_secret_post works, and the refusals burned nothing: " + right.body());
  }

  @Test
  void refreshTokensRotateAndAReplayedOneEndsTheFamily() {
    User user = f.logIn(new Browser(), shop, OidcFixture.SHOP_CB, "o_oidc_refresh_user_000000001", "openid",
        "offline_access");
    String firstRefresh = user.principal().getString("refresh_token");
    assertNotNull(firstRefresh);
    User rotated = OidcFixture.await(shop.refresh(user));
    String secondRefresh = rotated.principal().getString("refresh_token");
    String secondAccess = rotated.principal().getString("access_token");
    assertNotEquals(firstRefresh, secondRefresh);
    assertEquals(401, f.userinfo(user.principal().getString("access_token")).status(), "the old access token ended");
    assertEquals(200, f.userinfo(secondAccess).status());

    Browser.Answer replay = f.token(Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh), "shop",
        OidcFixture.SHOP_SECRET);
    assertEquals("invalid_grant", replay.json().getString("error"));
    assertEquals(401, f.userinfo(secondAccess).status(), "the replay revoked the family's access token");
    Browser.Answer after = f.token(Map.of("grant_type", "refresh_token", "refresh_token", secondRefresh), "shop",
        OidcFixture.SHOP_SECRET);
    assertEquals("invalid_grant", after.json().getString("error"), "and the family's current refresh token");
  }

  @Test
  void logoutEndsTheSsoSessionAndItsTokens() {
    Browser browser = new Browser();
    User user = f.logIn(browser, shop, OidcFixture.SHOP_CB, "o_oidc_logout_user_0000000001", "openid");
    String access = user.principal().getString("access_token");
    String idToken = user.principal().getString("id_token");

    Browser.Answer badTarget = browser.get(f.issuer + "/oauth2/logout?id_token_hint=" + idToken
        + "&post_logout_redirect_uri=" + Browser.enc("https://evil.example/"));
    assertEquals(400, badTarget.status());
    assertNull(badTarget.location());
    assertEquals(200, f.userinfo(access).status(), "a refused logout ends nothing");

    Browser.Answer ask = browser.get(f.issuer + "/oauth2/logout");
    assertEquals(200, ask.status());
    assertTrue(ask.body().contains("<form method=\"post\""), "without a hint the user is asked first");
    assertEquals(200, f.userinfo(access).status(), "a link alone logs nobody out");

    String logout = shop.endSessionURL(user, new JsonObject().put("post_logout_redirect_uri", OidcFixture.SHOP_BYE)
        .put("state", "bye-1"));
    Browser.Answer out = browser.get(logout);
    assertEquals(302, out.status(), out.body());
    assertEquals(OidcFixture.SHOP_BYE + "?state=bye-1", out.location());
    assertEquals(401, f.userinfo(access).status());
    Browser.Answer none = browser.get(OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "after", null, null, "openid")
        + "&prompt=none");
    assertEquals("login_required", Browser.query(none.location()).get("error"));
  }

  @Test
  void aLogoutConfirmedOnTheProvidersPageEndsTheSsoSession() {
    Browser browser = new Browser();
    User user = f.logIn(browser, shop, OidcFixture.SHOP_CB, "o_oidc_confirm_logout_user_01", "openid");
    Browser.Answer out = browser.postForm(f.issuer + "/oauth2/logout", Map.of("confirm", "1"));
    assertEquals(200, out.status(), out.body());
    assertEquals(401, f.userinfo(user.principal().getString("access_token")).status());
  }

  @Test
  void aBrowserAppMayCallTheTokenEndpointFromItsOwnOriginOnly() {
    Browser.Answer preflight = new Browser().options(f.issuer + "/oauth2/token", "Origin", "http://127.0.0.1:3000",
        "Access-Control-Request-Method", "POST");
    assertEquals("http://127.0.0.1:3000", preflight.header("Access-Control-Allow-Origin"));
    Browser.Answer other = new Browser().options(f.issuer + "/oauth2/token", "Origin", "https://evil.example",
        "Access-Control-Request-Method", "POST");
    assertNull(other.header("Access-Control-Allow-Origin"));
  }

  @Test
  void revokedTokensAreDeadOnEveryNode() {
    User user = f.logIn(new Browser(), shop, OidcFixture.SHOP_CB, "o_oidc_revoke_user_0000000001", "openid",
        "offline_access");
    String access = user.principal().getString("access_token");
    Browser.Answer other = new Browser().postForm(f.issuer + "/oauth2/revoke", Map.of("token", access,
        "client_id", "wiki", "client_secret", OidcFixture.WIKI_SECRET));
    assertEquals(200, other.status());
    assertEquals(200, f.userinfo(access).status(), "another client cannot revoke this client's token");
    OidcFixture.await(shop.revoke(user, "refresh_token"));
    Browser.Answer refreshed = f.token(Map.of("grant_type", "refresh_token", "refresh_token",
        user.principal().getString("refresh_token")), "shop", OidcFixture.SHOP_SECRET);
    assertEquals("invalid_grant", refreshed.json().getString("error"));
    assertEquals(401, f.userinfo(access).status(), "revoking the refresh token ends its access token");
  }

  @Test
  void revokingTheUserEndsTheirSsoSessionAndRefreshTokens() {
    Browser browser = new Browser();
    User user = f.logIn(browser, shop, OidcFixture.SHOP_CB, "o_oidc_revoked_user_000000001", "openid",
        "offline_access");
    io.vertx.redis.client.Redis redis = io.vertx.redis.client.Redis.createClient(f.rpVertx, f.cluster.redisUrl());
    try {
      io.wxlogin.login.session.UserSessions index = new io.wxlogin.login.session.UserSessions(redis,
          f.cluster.keys(), java.util.List.of());
      String accessHash = io.wxlogin.login.session.SessionStore.hash(user.principal().getString("access_token"));
      assertTrue(OidcFixture.await(index.hashes("o_oidc_revoked_user_000000001")).contains(accessHash),
          "the OIDC access token is in the user's session index, so `ops user` lists it");
      // what `ops revoke` runs: the user's sessions through the index, then every installed hook
      io.wxlogin.login.session.UserSessions.Revoked ended = OidcFixture.await(
          new io.wxlogin.login.session.SessionStore(redis, f.cluster.keys(), 3600)
              .revokeUser("o_oidc_revoked_user_000000001"));
      assertEquals(2, ended.hooks().get("oidc_grants"), "one SSO session and one refresh family");
    } finally {
      redis.close();
    }
    assertEquals(401, f.userinfo(user.principal().getString("access_token")).status());
    Browser.Answer refreshed = f.token(Map.of("grant_type", "refresh_token", "refresh_token",
        user.principal().getString("refresh_token")), "shop", OidcFixture.SHOP_SECRET);
    assertEquals("invalid_grant", refreshed.json().getString("error"));
    Browser.Answer none = browser.get(OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "x", null, null, "openid")
        + "&prompt=none");
    assertEquals("login_required", Browser.query(none.location()).get("error"));
  }

  @Test
  void zeroInWeChatEndsTheSsoSessionAndEveryTokenTheScanGave() {
    Browser browser = new Browser();
    String openid = "o_oidc_zero_reply_user_000001";
    User user = f.logIn(browser, shop, OidcFixture.SHOP_CB, openid, "openid", "offline_access");
    OAuth2Auth wiki = f.rp("wiki", OidcFixture.WIKI_SECRET);
    User second = f.logIn(browser, wiki, OidcFixture.WIKI_CB, openid, "openid");
    String access = user.principal().getString("access_token");
    assertEquals(200, f.userinfo(access).status());
    assertEquals(200, f.userinfo(second.principal().getString("access_token")).status());

    String reply = f.message(openid, "0");

    assertTrue(reply.startsWith("已让 ") && reply.contains("Shop"), reply);
    assertEquals(401, f.userinfo(access).status(), "the access token the scan's login gave");
    assertEquals(401, f.userinfo(second.principal().getString("access_token")).status(),
        "and one another app got from the same SSO session without a scan");
    Browser.Answer refreshed = f.token(Map.of("grant_type", "refresh_token", "refresh_token",
        user.principal().getString("refresh_token")), "shop", OidcFixture.SHOP_SECRET);
    assertEquals("invalid_grant", refreshed.json().getString("error"), "and its refresh token");
    Browser.Answer none = browser.get(OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "z", null, null, "openid")
        + "&prompt=none");
    assertEquals("login_required", Browser.query(none.location()).get("error"), "and the SSO session itself");
  }

  @Test
  void aCodeNotYetRedeemedWhenTheUserAnswersZeroGivesNoTokens() throws Exception {
    String openid = "o_oidc_zero_before_token_0001";
    String verifier = "zero-before-the-token-verifier-0123456789abcdef";
    String back = f.login(new Browser(), OidcFixture.authorizeUrl(shop, OidcFixture.SHOP_CB, "s", "n",
        OidcFixture.s256(verifier), "openid"), openid);

    f.message(openid, "0");

    Browser.Answer token = f.token(Map.of("grant_type", "authorization_code", "code", Browser.query(back).get("code"),
        "redirect_uri", OidcFixture.SHOP_CB, "code_verifier", verifier), "shop", OidcFixture.SHOP_SECRET);
    assertEquals(400, token.status(), token.body());
    assertEquals("invalid_grant", token.json().getString("error"));
  }
}
