package io.wxlogin.login.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Records print every component by default; these hold bearer values that must never reach a log line. */
class SecretToStringTest {

  @Test
  void ssoCookieIsNotShown() {
    String cookie = "sid123.cookie-secret-value-0123456789";
    String shown = new SsoSessions.Created(new SsoSessions.Sso("sid123", "openid-1", false, 1L), cookie).toString();
    assertFalse(shown.contains("cookie-secret-value"), shown);
  }

  @Test
  void mintedRefreshTokenIsNotShown() {
    RefreshFamilies.Minted minted = RefreshFamilies.Minted.of("family-1");
    String secretPart = minted.token().substring("family-1.".length());
    assertFalse(minted.toString().contains(secretPart), minted.toString());
    assertTrue(minted.toString().contains("family-1"), minted.toString());
  }

  @Test
  void authRequestShowsOnlyTheSceneHead() {
    String scene = "abcdefgh-rest-of-the-scene-id-0123456789";
    AuthRequest req = new AuthRequest("client", "https://rp.example/cb", "st", "nc", "cc", Set.of("openid"),
        Set.of(), -1, null, scene);
    assertFalse(req.toString().contains(scene), req.toString());
    assertTrue(req.toString().contains("abcdefgh…"), req.toString());
  }
}
