package io.wxlogin.sandbox.token;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * What an access_token looks like: WeChat's are a short number, {@code _}, then well over 100 characters
 * of {@code [A-Za-z0-9_-]}, and callers must store 512. Anything else is "malformed" (40014); a token of
 * the right shape that this sandbox never issued is merely "not latest" (40001).
 */
final class TokenShape {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final Pattern WELL_FORMED = Pattern.compile("[0-9]{1,3}_[A-Za-z0-9_-]{90,508}");
  private static final int BODY_LENGTH = 153;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenShape() {
  }

  static String newToken() {
    StringBuilder sb = new StringBuilder("89_");
    for (int i = 0; i < BODY_LENGTH; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  static boolean wellFormed(String token) {
    return WELL_FORMED.matcher(token).matches();
  }
}
