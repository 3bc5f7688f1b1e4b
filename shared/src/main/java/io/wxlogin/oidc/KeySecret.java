package io.wxlogin.oidc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the private half of a signing key for Redis under {@code OIDC_KEYS_SECRET}: AES-256-GCM with a
 * random 96-bit nonce, the key id as associated data (a sealed key moved to another id does not open), and
 * the AES key derived from the secret with HKDF-SHA256 (RFC 5869), so the secret itself never touches a
 * cipher. Sealed text: {@code v1.<nonce b64url>.<ciphertext+tag b64url>}. See docs/oidc.md.
 */
public final class KeySecret {

  /** Below this a secret is guessable offline from a Redis dump. */
  public static final int MIN_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] SALT = "wxlogin-oidc-signing-keys".getBytes(StandardCharsets.UTF_8);
  private static final byte[] INFO = "aes-256-gcm v1".getBytes(StandardCharsets.UTF_8);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder D64 = Base64.getUrlDecoder();

  private final SecretKeySpec aesKey;

  /** A key that does not open what was sealed under another secret. */
  public static final class WrongSecretException extends GeneralSecurityException {
    WrongSecretException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public KeySecret(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the keys secret must be at least " + MIN_LENGTH + " characters");
    }
    this.aesKey = new SecretKeySpec(hkdf(secret.getBytes(StandardCharsets.UTF_8)), "AES");
  }

  public String seal(String kid, String plaintext) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
      c.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return "v1." + B64.encodeToString(nonce) + "." + B64.encodeToString(ct);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  public String open(String kid, String sealed) throws WrongSecretException {
    String[] parts = sealed == null ? new String[0] : sealed.split("\\.");
    if (parts.length != 3 || !"v1".equals(parts[0])) {
      throw new WrongSecretException("sealed key of key " + kid + " is not in the v1 format", null);
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, D64.decode(parts[1])));
      c.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(D64.decode(parts[2])), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new WrongSecretException("OIDC_KEYS_SECRET does not open key " + kid, e);
    }
  }

  private static byte[] hkdf(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
      byte[] prk = mac.doFinal(secret);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      return mac.doFinal(ByteBuffer.allocate(INFO.length + 1).put(INFO).put((byte) 1).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "KeySecret[hidden]";
  }
}
