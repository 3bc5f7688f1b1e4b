package io.wxlogin.login.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.text.ParseException;
import java.util.Date;
import java.util.List;

/**
 * id_tokens (OIDC Core 2): signed with the client's algorithm (RS256 unless its registration says ES256) by the
 * key that signs now; {@code sub} is the openid, {@code amr} is {@code ["wxqr"]} (a WeChat QR scan), and
 * {@code wechat_new_user} says whether this openid logged in here for the first time.
 */
final class IdTokens {

  static final List<String> AMR = List.of("wxqr");

  private final String issuer;
  private final SigningKeys keys;
  private final int ttlSeconds;

  IdTokens(String issuer, SigningKeys keys, int ttlSeconds) {
    this.issuer = issuer;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
  }

  Future<String> sign(OidcClient client, Grant g, String accessToken, String nonce) {
    return keys.signer(client.idTokenAlg()).map(jwk -> {
      long now = System.currentTimeMillis();
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(g.openid())
          .audience(client.clientId()).expirationTime(new Date(now + ttlSeconds * 1000L)).issueTime(new Date(now))
          .claim("auth_time", g.authTime()).claim("amr", AMR).claim("at_hash", Opaque.atHash(accessToken))
          .claim("azp", client.clientId()).claim("wechat_new_user", g.newUser());
      if (nonce != null) {
        claims.claim("nonce", nonce);
      }
      if (g.sid() != null) {
        claims.claim("sid", g.sid());
      }
      return sign(jwk, client.idTokenAlg(), claims.build());
    });
  }

  private static String sign(JWK jwk, String alg, JWTClaimsSet claims) {
    try {
      JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID(jwk.getKeyID())
          .type(JOSEObjectType.JWT).build();
      SignedJWT jwt = new SignedJWT(header, claims);
      JWSSigner signer = jwk instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) jwk);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an id_token with key " + jwk.getKeyID(), e);
    }
  }

  /**
   * The claims of an id_token this provider signed (expired ones included, as OIDC RP-Initiated Logout 1.0
   * allows for {@code id_token_hint}), or null when it is not one of ours.
   */
  Future<JWTClaimsSet> verifyOurs(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      return Future.succeededFuture(null);
    }
    return keys.verifier(jwt.getHeader().getKeyID()).map(jwk -> {
      try {
        if (jwk == null || !verifier(jwk).verify(jwt.getHeader(), jwt.getSigningInput(), jwt.getSignature())) {
          return null;
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        return issuer.equals(claims.getIssuer()) ? claims : null;
      } catch (JOSEException | ParseException e) {
        return null;
      }
    });
  }

  private static JWSVerifier verifier(JWK jwk) throws JOSEException {
    return jwk instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) jwk);
  }
}
