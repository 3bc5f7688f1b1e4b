package io.wxlogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.RedisMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider on a three-master Redis Cluster: every script touches one slot, every flow works. */
class OidcOnRedisClusterTest {

  static OidcFixture f;

  @BeforeAll
  static void start() {
    f = new OidcFixture(Map.of(), RedisMode.CLUSTER);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void loginRefreshReuseDetectionAndLogoutWorkOnARedisCluster() throws Exception {
    OAuth2Auth shop = f.rp("shop", OidcFixture.SHOP_SECRET);
    Browser browser = new Browser();
    String verifier = "cluster-mode-verifier-0123456789-0123456789-abc";
    String back = f.login(browser, shop.authorizeURL(new OAuth2AuthorizationURL().setRedirectUri(OidcFixture.SHOP_CB)
        .setState("k").setScopes(List.of("openid", "offline_access")).putAdditionalParameter("nonce", "kn")
        .setCodeChallenge(OidcFixture.s256(verifier)).setCodeChallengeMethod("S256")),
        "o_oidc_cluster_user_000000001");
    User user = OidcFixture.await(shop.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
        .setCode(Browser.query(back).get("code")).setRedirectUri(OidcFixture.SHOP_CB).setCodeVerifier(verifier)));
    assertEquals("kn", f.verify(user.principal().getString("id_token")).getStringClaim("nonce"));
    assertEquals("o_oidc_cluster_user_000000001", OidcFixture.await(shop.userInfo(user)).getString("sub"));

    User rotated = OidcFixture.await(shop.refresh(user));
    assertNotEquals(user.principal().getString("refresh_token"), rotated.principal().getString("refresh_token"));
    assertTrue(OidcFixture.await(shop.refresh(user).map(u -> false).recover(t -> io.vertx.core.Future
        .succeededFuture(true))), "a replayed refresh token is refused");
    assertTrue(OidcFixture.await(shop.refresh(rotated).map(u -> false).recover(t -> io.vertx.core.Future
        .succeededFuture(true))), "and it ended the family");

    String again = f.login(browser, shop.authorizeURL(new OAuth2AuthorizationURL().setRedirectUri(OidcFixture.SHOP_CB)
        .setState("k2").setScopes(List.of("openid"))), "nobody");
    assertTrue(Browser.query(again).containsKey("code"), "the SSO session logs in without a scan");
    Browser.Answer out = browser.get(shop.endSessionURL(rotated, new JsonObject()));
    assertEquals(200, out.status());
    Browser.Answer none = browser.get(shop.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(OidcFixture.SHOP_CB).setState("k3").setScopes(List.of("openid"))) + "&prompt=none");
    assertEquals("login_required", Browser.query(none.location()).get("error"));
  }

  @Test
  void aZeroInWeChatEndsTheOidcLoginOnARedisCluster() {
    OAuth2Auth shop = f.rp("shop", OidcFixture.SHOP_SECRET);
    String openid = "o_oidc_cluster_zero_user_0001";
    User user = f.logIn(new Browser(), shop, OidcFixture.SHOP_CB, openid, "openid", "offline_access");
    assertEquals(200, f.userinfo(user.principal().getString("access_token")).status());

    f.message(openid, "0");

    assertEquals(401, f.userinfo(user.principal().getString("access_token")).status());
    Browser.Answer refreshed = f.token(Map.of("grant_type", "refresh_token", "refresh_token",
        user.principal().getString("refresh_token")), "shop", OidcFixture.SHOP_SECRET);
    assertEquals("invalid_grant", refreshed.json().getString("error"));
  }
}
