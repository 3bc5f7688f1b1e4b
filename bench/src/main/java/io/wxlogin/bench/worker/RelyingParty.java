package io.wxlogin.bench.worker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The application side of an OpenID Connect login (docs/oidc.md): the authorization request with PKCE
 * (RFC 7636, S256) and the code exchange with {@code client_secret_basic} (RFC 6749 §2.3.1). One verifier
 * serves all of a worker's requests: each request binds its own copy of the challenge, and computing a
 * fresh one per login would only add load-generator CPU.
 */
final class RelyingParty {

  private final String clientId;
  private final String redirectUri;
  private final String basicAuth;
  private final String verifier;
  private final String fixedQuery;

  RelyingParty(String clientId, String clientSecret, String redirectUri) {
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
        (enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8));
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    this.fixedQuery = "response_type=code&scope=openid&client_id=" + enc(clientId) + "&redirect_uri="
        + enc(redirectUri) + "&code_challenge_method=S256&code_challenge=" + challenge(verifier);
  }

  /** The query of {@code GET /oauth2/authorize} for login number {@code seq}. */
  String authorizeQuery(String seq) {
    return fixedQuery + "&state=s" + seq + "&nonce=n" + seq;
  }

  /** The form of {@code POST /oauth2/token} for {@code code}. */
  String tokenForm(String code) {
    return "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
        + "&code_verifier=" + verifier;
  }

  String basicAuth() {
    return basicAuth;
  }

  String clientId() {
    return clientId;
  }

  static String challenge(String verifier) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
