package io.wxlogin.login.oidc;

import io.wxlogin.server.TokenRandom;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random opaque values (codes, ids, secrets) and the digests Redis keeps instead of them. */
final class Opaque {

  private static final SecureRandom RANDOM = TokenRandom.instance();
  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]+");
  /** RFC 7636 4.1: code_verifier = 43*128 unreserved characters. */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private Opaque() {
  }

  /** {@code bytes} random bytes as unpadded base64url: 16 bytes = 22 characters, 32 bytes = 43. */
  static String random(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  static boolean urlSafe(String s, int length) {
    return s != null && s.length() == length && URL_SAFE.matcher(s).matches();
  }

  static boolean verifier(String s) {
    return s != null && VERIFIER.matcher(s).matches();
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static String sha256Hex(String s) {
    return HexFormat.of().formatHex(sha256(s));
  }

  /** The PKCE S256 challenge of a verifier (RFC 7636 4.2). */
  static String s256(String verifier) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
  }

  /** OIDC Core 3.1.3.6 at_hash: the left half of the access token's SHA-256, base64url. */
  static String atHash(String accessToken) {
    byte[] full = sha256(accessToken);
    byte[] left = new byte[full.length / 2];
    System.arraycopy(full, 0, left, 0, left.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(left);
  }

  /** Compares secrets in time independent of where they differ. */
  static boolean sameSecret(String a, String b) {
    return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }
}
