package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.testing.Eventually;
import io.wxlogin.testing.Http;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An app's "log in with WeChat" through OpenID Connect, in the browser: authorize, scan, back with a code. */
class OidcBrowserTest {

  private static final String SECRET = "shop-secret-0123456789";
  /** A client name an operator pasted with markup in it: the page must show it as text. */
  private static final String HOSTILE_NAME = "<img src=x onerror=window.__pwned=1>";
  private static final String KEYS_SECRET = "e2e keys secret, at least 32 characters long";

  private static HostSite shop;
  private static LoginSite site;

  @BeforeAll
  static void start() {
    Browser.assumeChromium();
    shop = new HostSite();
    String clients = "[{\"client_id\":\"shop\",\"client_secret\":\"" + SECRET + "\",\"redirect_uris\":[\""
        + shop.origin() + "/callback\"],\"name\":\"Example Shop\"},"
        + "{\"client_id\":\"odd\",\"client_secret\":\"" + SECRET + "\",\"redirect_uris\":[\""
        + shop.origin() + "/callback\"],\"name\":\"" + HOSTILE_NAME + "\"}]";
    site = LoginSite.start(url -> LoginSite.builder().nodeEnv("OIDC_ISSUER", url).nodeEnv("OIDC_CLIENTS", clients)
        .nodeEnv("OIDC_KEYS_SECRET", KEYS_SECRET).tokenServerEnv("OIDC_KEYS_SECRET", KEYS_SECRET));
    // an app signs nobody in before the token-server has published the signing keys (RS256 and ES256)
    Eventually.within(Duration.ofSeconds(30), "signing keys published", () ->
        site.cluster().http().get(site.url() + "/oauth2/jwks").json().getJsonArray("keys").size() >= 2);
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void theAuthorizeUrlShowsTheAppsNameAndAScanLandsOnItsRedirectWithACode() {
    String redirect = shop.origin() + "/callback";
    String authorize = site.url() + "/oauth2/authorize?response_type=code&client_id=shop&scope=openid"
        + "&state=st4te&nonce=n0nce&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(authorize);
      page.awaitState("waiting");
      assertTrue(b.driver().getCurrentUrl().startsWith(site.url() + "/?authreq="), b.driver().getCurrentUrl());
      assertEquals("使用微信登录 Example Shop", page.title());
      String code = page.qrContent();
      b.screenshot("oidc-1-authorize-zh");

      site.cluster().scan(code, Users.openid("Oidc"), null);
      String landed = b.await("the browser back on the app's redirect URI",
          d -> d.getCurrentUrl().startsWith(redirect + "?") ? d.getCurrentUrl() : null);
      b.screenshot("oidc-2-back-at-the-app");
      assertTrue(landed.contains("state=st4te"), landed);
      Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(landed);
      assertTrue(m.find(), "a code: " + landed);
      Http.Reply tokens = exchange(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), redirect);
      assertEquals(200, tokens.status(), "the app turns the code into tokens: " + tokens.body());
      assertTrue(tokens.json().getString("id_token", "").split("\\.").length == 3, tokens.body());
    }
  }

  /** The app's backend: the code for tokens at the token endpoint, client_secret_basic. */
  private static Http.Reply exchange(String code, String redirect) {
    String form = "grant_type=authorization_code&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
        + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
    String basic = Base64.getEncoder().encodeToString(("shop:" + SECRET).getBytes(StandardCharsets.UTF_8));
    return site.cluster().http().send("POST", site.url() + "/oauth2/token", form,
        "Content-Type", "application/x-www-form-urlencoded", "Authorization", "Basic " + basic);
  }

  @Test
  void aClientNameWithMarkupIsShownAsText() {
    String authorize = site.url() + "/oauth2/authorize?response_type=code&client_id=odd&scope=openid&state=s"
        + "&redirect_uri=" + URLEncoder.encode(shop.origin() + "/callback", StandardCharsets.UTF_8);
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(authorize);
      page.awaitState("waiting");
      assertEquals("Log in to " + HOSTILE_NAME + " with WeChat", page.title());
      assertEquals(0L, b.js("return document.querySelectorAll('h1 *, .side-title *').length;"));
      assertNull(b.js("return window.__pwned;"), "the markup in the name never ran");
    }
  }

  @Test
  void anUnknownRequestSaysToGoBackToTheApp() {
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/?authreq=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      String notice = b.await("the page to say the request is gone", d -> page.notice().isEmpty() ? null : page.notice());
      assertTrue(notice.startsWith("This login request has expired or does not exist."), notice);
      assertEquals(0L, b.js("return document.querySelectorAll('.wxl-qr').length;"), "and shows no QR code");
    }
  }
}
