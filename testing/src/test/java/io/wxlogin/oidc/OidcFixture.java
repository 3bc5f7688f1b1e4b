package io.wxlogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.wxlogin.testing.RedisMode;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two login nodes behind a round-robin load balancer whose URL is the OIDC issuer, a token-server keeping the
 * signing keys, three registered relying parties, and the steps of a login as a browser and a phone take them.
 */
final class OidcFixture implements AutoCloseable {

  static final String SHOP_SECRET = "shop-secret-0123456789";
  static final String WIKI_SECRET = "wiki-secret-0123456789";
  static final String SHOP_CB = "https://shop.example/callback";
  static final String WIKI_CB = "https://wiki.example/cb";
  static final String SPA_CB = "http://127.0.0.1:3000/cb";
  static final String SHOP_BYE = "https://shop.example/bye";
  static final String CLIENTS = "[{\"client_id\":\"shop\",\"client_secret\":\"" + SHOP_SECRET + "\",\"redirect_uris\":[\""
      + SHOP_CB + "\"],\"name\":\"Shop\",\"post_logout_redirect_uris\":[\"" + SHOP_BYE + "\"]},"
      + "{\"client_id\":\"wiki\",\"client_secret\":\"" + WIKI_SECRET + "\",\"redirect_uris\":[\"" + WIKI_CB + "\"],"
      + "\"name\":\"Team Wiki\"},"
      + "{\"client_id\":\"spa\",\"redirect_uris\":[\"" + SPA_CB + "\"],\"name\":\"SPA\","
      + "\"id_token_signed_response_alg\":\"ES256\"}]";
  static final String KEYS_SECRET = "test keys secret, at least 32 characters long";

  final WxCluster cluster;
  final RoundRobinProxy proxy;
  final String issuer;
  final Vertx rpVertx = Vertx.vertx();

  OidcFixture(Map<String, String> tokenServerEnv) {
    this(tokenServerEnv, RedisMode.STANDALONE);
  }

  OidcFixture(Map<String, String> tokenServerEnv, RedisMode mode) {
    proxy = new RoundRobinProxy();
    issuer = "http://127.0.0.1:" + proxy.port();
    WxCluster.Builder b = WxCluster.builder().nodes(2).redisMode(mode)
        .nodeEnv("OIDC_ISSUER", issuer).nodeEnv("OIDC_CLIENTS", CLIENTS).nodeEnv("OIDC_KEYS_SECRET", KEYS_SECRET)
        .tokenServerEnv("OIDC_KEYS_SECRET", KEYS_SECRET);
    tokenServerEnv.forEach(b::tokenServerEnv);
    cluster = b.start();
    proxy.forwardTo(cluster.nodes().stream().map(WxNode::port).toList());
    io.wxlogin.testing.Eventually.within(java.time.Duration.ofSeconds(30), "signing keys published",
        () -> new Browser().get(issuer + "/oauth2/jwks").json().getJsonArray("keys").size() >= 2);
  }

  /** A relying party configured from discovery alone, as an application would be. */
  OAuth2Auth rp(String clientId, String secret) {
    OAuth2Options o = new OAuth2Options().setSite(issuer).setClientId(clientId);
    if (secret != null) {
      o.setClientSecret(secret);
    }
    return await(OpenIDConnectAuth.discover(rpVertx, o));
  }

  /**
   * The browser's side of a login from {@code authorizeUrl}: follows the provider to the QR page, asks for the
   * request's QR code, has the phone scan it, polls, completes, and answers the redirect back to the client.
   * When the SSO session satisfies the request there is no scan, and the first redirect is the answer.
   */
  String login(Browser browser, String authorizeUrl, String openid) {
    Browser.Answer first = browser.get(authorizeUrl);
    assertEquals(302, first.status(), first.body());
    String location = first.location();
    if (!location.startsWith("/?authreq=")) {
      return location;
    }
    String id = location.substring("/?authreq=".length());
    Browser.Answer pending = browser.get(issuer + "/oauth2/requests/" + id);
    assertEquals(200, pending.status(), pending.body());
    Browser.Answer qr = browser.postJson(issuer + "/api/login/qrcode", new JsonObject().put("authreq", id));
    assertEquals(201, qr.status(), qr.body());
    assertEquals(pending.json().getString("client_name"), cluster.store().hgetall(cluster.keys()
        .scene(qr.json().getString("scene"))).get("site"), "the scene names the client being logged in to");
    JsonObject scan = cluster.scan(qr.json().getString("qrContent"), openid, null);
    assertEquals(200, scan.getInteger("httpStatus"), scan.encode());
    Browser.Answer poll = browser.get(issuer + "/api/login/" + qr.json().getString("scene") + "?wait=10");
    assertEquals("CONFIRMED", poll.json().getString("status"), poll.body());
    Browser.Answer done = browser.postJson(issuer + "/oauth2/complete", new JsonObject().put("authreq", id)
        .put("token", poll.json().getJsonObject("session").getString("token")));
    assertEquals(200, done.status(), done.body());
    return done.json().getString("redirect");
  }

  static String authorizeUrl(OAuth2Auth rp, String redirect, String state, String nonce, String challenge,
      String... scopes) {
    OAuth2AuthorizationURL u = new OAuth2AuthorizationURL().setRedirectUri(redirect).setState(state)
        .setScopes(List.of(scopes));
    if (nonce != null) {
      u.putAdditionalParameter("nonce", nonce);
    }
    if (challenge != null) {
      u.setCodeChallenge(challenge).setCodeChallengeMethod("S256");
    }
    return rp.authorizeURL(u);
  }

  static String s256(String verifier) throws Exception {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  static String atHash(String accessToken) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
  }

  /** The text a user sends from WeChat, delivered by the sandbox as WeChat would; the reply the user reads. */
  String message(String openid, String content) {
    io.wxlogin.testing.Http.Reply r = cluster.sandbox().post("/sandbox/message", new JsonObject()
        .put("openid", openid).put("content", content));
    assertEquals(200, r.status(), r.body());
    return r.json().getString("reply");
  }

  Browser.Answer userinfo(String accessToken) {
    return new Browser().get(issuer + "/oauth2/userinfo", "Authorization", "Bearer " + accessToken);
  }

  Browser.Answer token(Map<String, String> form, String clientId, String secret) {
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return new Browser().postForm(issuer + "/oauth2/token", form, "Authorization", "Basic " + basic);
  }

  User logIn(Browser browser, OAuth2Auth rp, String redirect, String openid, String... scopes) {
    String verifier = "v".repeat(20) + Long.toHexString(System.nanoTime()) + "x".repeat(20);
    try {
      String back = login(browser, authorizeUrl(rp, redirect, "st", "n-" + openid, s256(verifier), scopes), openid);
      String code = Browser.query(back).get("code");
      return OidcFixture.await(rp.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
          .setCode(code).setRedirectUri(redirect).setCodeVerifier(verifier)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The provider's current JWKS, fetched fresh. */
  JWKSet jwks() {
    try {
      return JWKSet.parse(new Browser().get(issuer + "/oauth2/jwks").body());
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifies {@code idToken}'s signature against the published JWKS and answers its claims. */
  JWTClaimsSet verify(String idToken) throws Exception {
    SignedJWT jwt = SignedJWT.parse(idToken);
    JWK key = jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
    assertTrue(key != null, "kid " + jwt.getHeader().getKeyID() + " is not in the JWKS");
    JWSVerifier v = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
    assertTrue(jwt.verify(v), "signature of the id_token");
    return jwt.getJWTClaimsSet();
  }

  static String kid(String idToken) throws Exception {
    return SignedJWT.parse(idToken).getHeader().getKeyID();
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> kids(JWKSet set) {
    return set.getKeys().stream().map(JWK::getKeyID).toList();
  }

  @Override
  public void close() {
    proxy.close();
    cluster.close();
    try {
      rpVertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
  }
}
