package io.wxlogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.wxlogin.testing.Eventually;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing keys rotating under a live session (a key signs for 8 s, is published 3 s before, kept 120 s after):
 * what an old key signed still verifies, new tokens carry the new kid, and a restarted token-server carries on
 * with the keys in Redis.
 */
class OidcKeyRotationTest {

  static OidcFixture f;
  static OAuth2Auth shop;

  @BeforeAll
  static void start() {
    f = new OidcFixture(Map.of("OIDC_KEY_ROTATION_SECONDS", "8", "OIDC_KEY_PUBLISH_AHEAD_SECONDS", "3",
        "OIDC_KEY_RETAIN_SECONDS", "120"));
    shop = f.rp("shop", OidcFixture.SHOP_SECRET);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  private static User logIn(String openid) {
    String back = f.login(new Browser(), shop.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(OidcFixture.SHOP_CB).setState("r").setScopes(List.of("openid", "offline_access"))), openid);
    return OidcFixture.await(shop.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
        .setCode(Browser.query(back).get("code")).setRedirectUri(OidcFixture.SHOP_CB)));
  }

  @Test
  void aKeyRotationDuringASessionKeepsOldTokensValidAndNewOnesCarryTheNewKid() throws Exception {
    User user = logIn("o_oidc_rotation_user_000000001");
    String oldToken = user.principal().getString("id_token");
    String oldKid = OidcFixture.kid(oldToken);
    Set<String> seenInJwks = new HashSet<>();
    User current = user;
    String newToken = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (newToken == null && System.nanoTime() < deadline) {
      seenInJwks.addAll(OidcFixture.kids(f.jwks()));
      current = OidcFixture.await(shop.refresh(current));
      String idToken = current.principal().getString("id_token");
      if (!OidcFixture.kid(idToken).equals(oldKid)) {
        newToken = idToken;
      } else {
        Eventually.sleep(Duration.ofMillis(500));
      }
    }
    assertTrue(newToken != null, "no id_token signed by a new key within 60 s");
    String newKid = OidcFixture.kid(newToken);
    assertNotEquals(oldKid, newKid);
    assertTrue(seenInJwks.contains(newKid), "the new key was in the JWKS before it signed anything");
    assertEquals("o_oidc_rotation_user_000000001", f.verify(oldToken).getSubject(), "the old key still verifies");
    assertEquals("o_oidc_rotation_user_000000001", f.verify(newToken).getSubject());
    assertEquals(200, new Browser().get(f.issuer + "/oauth2/userinfo", "Authorization", "Bearer "
        + current.principal().getString("access_token")).status());
  }

  @Test
  void aRestartedTokenServerKeepsTheKeysAndGoesOnRotatingThem() throws Exception {
    User user = logIn("o_oidc_restart_user_0000000001");
    String before = user.principal().getString("id_token");
    List<String> kidsBefore = OidcFixture.kids(f.jwks());
    f.cluster.tokenServer().restart();

    Eventually.within(Duration.ofSeconds(40), "a key published by the restarted token-server",
        () -> !Set.copyOf(kidsBefore).containsAll(OidcFixture.kids(f.jwks())));
    assertTrue(OidcFixture.kids(f.jwks()).containsAll(kidsBefore), "every key from before the restart is kept");
    assertEquals("o_oidc_restart_user_0000000001", f.verify(before).getSubject());
    User after = logIn("o_oidc_restart_user_0000000001");
    assertEquals("o_oidc_restart_user_0000000001", f.verify(after.principal().getString("id_token")).getSubject());
  }
}
