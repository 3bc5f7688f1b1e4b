package io.wxlogin.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's callback signatures: {@code sha1(concat(sort(parts)))} in lowercase hex.
 * With token, timestamp and nonce this is {@code signature}; add the {@code Encrypt} text and it is
 * {@code msg_signature} (docs/wechat.md §1.1, §1.3).
 */
public final class WxSignature {

  private WxSignature() {
  }

  /** The signature of these parts; every part must be non-empty, as WeChat's own SDKs require. */
  public static String sign(String... parts) {
    for (String p : parts) {
      if (p == null || p.isEmpty()) {
        throw new IllegalArgumentException("a signature part is missing");
      }
    }
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
    for (String p : sorted) {
      sha1.update(p.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  /**
   * Whether {@code claimed} is the signature of the parts. The comparison takes the same time wherever
   * the first difference is, so a forger learns nothing from timing. Missing parts never verify.
   */
  public static boolean verify(String claimed, String... parts) {
    if (claimed == null || claimed.isEmpty() || parts == null || parts.length == 0) {
      return false;
    }
    for (String p : parts) {
      if (p == null || p.isEmpty()) {
        return false;
      }
    }
    byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, claimed.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
