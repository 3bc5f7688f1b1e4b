package io.wxlogin.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;

/**
 * One id_token signing key as stored in the Redis hash {@code oidc-keys:<appid>} (field = kid, value = this
 * JSON): the public JWK in clear, the private JWK sealed by {@link KeySecret}, and when it starts signing.
 * A key is published from the moment it is stored and signs from {@code signFrom}; it is superseded by the
 * next key of its algorithm and removed once every token it signed has expired (docs/oidc.md, rotation).
 */
public record SigningKey(String kid, String alg, JsonObject publicJwk, String sealedPrivate, long createdAt,
    long signFrom) {

  public static final String RS256 = "RS256";
  public static final String ES256 = "ES256";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh key pair; the private half leaves this method only sealed. */
  public static SigningKey generate(String alg, KeySecret secret, long now, long signFrom) {
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    String kid = alg.toLowerCase(java.util.Locale.ROOT) + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    try {
      JWK jwk = switch (alg) {
        case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
            .generate();
        case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.ES256).generate();
        default -> throw new IllegalArgumentException("unsupported signing algorithm " + alg);
      };
      return new SigningKey(kid, alg, new JsonObject(jwk.toPublicJWK().toJSONObject()),
          secret.seal(kid, jwk.toJSONString()), now, signFrom);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + alg + " key", e);
    }
  }

  public static SigningKey fromJson(String json) {
    JsonObject o = new JsonObject(json);
    return new SigningKey(o.getString("kid"), o.getString("alg"), o.getJsonObject("public"), o.getString("private"),
        o.getLong("created_at"), o.getLong("sign_from"));
  }

  public String toJson() {
    return new JsonObject().put("kid", kid).put("alg", alg).put("public", publicJwk).put("private", sealedPrivate)
        .put("created_at", createdAt).put("sign_from", signFrom).encode();
  }

  /** The full key pair, for signing. */
  public JWK privateJwk(KeySecret secret) throws KeySecret.WrongSecretException {
    String json = secret.open(kid, sealedPrivate);
    try {
      JWK jwk = JWK.parse(json);
      if (!(jwk instanceof RSAKey || jwk instanceof ECKey) || !kid.equals(jwk.getKeyID())) {
        throw new KeySecret.WrongSecretException("key " + kid + " opened to a different key", null);
      }
      return jwk;
    } catch (ParseException e) {
      throw new KeySecret.WrongSecretException("key " + kid + " opened to something that is not a JWK", e);
    }
  }

  public JWK publicKey() {
    try {
      return JWK.parse(publicJwk.getMap());
    } catch (ParseException e) {
      throw new IllegalStateException("stored public key " + kid + " is not a JWK", e);
    }
  }

  @Override
  public String toString() {
    return "SigningKey[" + kid + ", " + alg + ", signFrom=" + signFrom + "]";
  }
}
