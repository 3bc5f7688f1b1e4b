package io.wxlogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

/** What Redis holds of a signing key: a public JWK anyone may read, and a private part only the secret opens. */
class SigningKeyTest {

  private static final KeySecret SECRET = new KeySecret("correct horse battery staple, 32+ characters");
  private static final KeySecret OTHER = new KeySecret("another operator's secret of 32+ characters");

  @Test
  void theStoredRecordShowsNoPrivateKeyMaterialAndOpensOnlyWithTheSecret() throws Exception {
    SigningKey key = SigningKey.generate(SigningKey.RS256, SECRET, 1_000, 2_000);
    String stored = key.toJson();
    RSAKey full = (RSAKey) key.privateJwk(SECRET);
    assertTrue(full.isPrivate());
    assertFalse(stored.contains(full.getPrivateExponent().toString()), "the private exponent is in the record");
    assertFalse(key.publicJwk().containsKey("d"));
    assertThrows(KeySecret.WrongSecretException.class, () -> key.privateJwk(OTHER));

    SigningKey back = SigningKey.fromJson(stored);
    assertEquals(key.kid(), back.kid());
    assertEquals(2_000, back.signFrom());
    assertEquals(full.toPublicJWK(), back.publicKey());
  }

  @Test
  void es256KeysAreP256AndCarryTheirKidAndAlgorithm() throws Exception {
    SigningKey key = SigningKey.generate(SigningKey.ES256, SECRET, 0, 0);
    JWK full = key.privateJwk(SECRET);
    assertTrue(full instanceof ECKey ec && "P-256".equals(ec.getCurve().getName()));
    assertEquals(key.kid(), key.publicJwk().getString("kid"));
    assertEquals("ES256", key.publicJwk().getString("alg"));
    assertEquals("sig", key.publicJwk().getString("use"));
  }

  @Test
  void aSealedKeyMovedToAnotherKidDoesNotOpen() {
    String sealed = SECRET.seal("kid-a", "{\"k\":1}");
    assertThrows(KeySecret.WrongSecretException.class, () -> SECRET.open("kid-b", sealed));
    assertThrows(KeySecret.WrongSecretException.class, () -> SECRET.open("kid-a", sealed.substring(0, sealed.length() - 2)));
  }

  @Test
  void aShortSecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new KeySecret("short"));
    assertFalse(SECRET.toString().contains("horse"));
  }
}
