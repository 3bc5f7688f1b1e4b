package io.wxlogin.redis;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The payloads on the {@code token-refresh} and {@code token-updated} channels. A refresh request names
 * the failed token by fingerprint only, so no access_token ever travels on pub/sub or lands in a log.
 */
public final class TokenMessages {

  /** A login node's request: the token for {@code appId} whose fingerprint is {@code failed} was refused. */
  public record RefreshRequest(String appId, String failedFingerprint) {
  }

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

  private TokenMessages() {
  }

  /** The first 16 hex digits of the token's SHA-256: enough to tell tokens apart, useless to call WeChat. */
  public static String fingerprint(String accessToken) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public static String refreshRequest(String appId, String failedAccessToken) {
    return new JsonObject().put("appid", appId).put("failed", fingerprint(failedAccessToken)).encode();
  }

  /** The request in a {@code token-refresh} payload, or {@code null} when the payload is not one. */
  public static RefreshRequest parseRefreshRequest(String payload) {
    if (payload == null || payload.isBlank()) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(payload);
      // getString would turn a number into text; a payload of the wrong shape is garbage, not a request.
      if (!(json.getValue("appid") instanceof String appId) || appId.isBlank()
          || !(json.getValue("failed") instanceof String failed) || !FINGERPRINT.matcher(failed).matches()) {
        return null;
      }
      return new RefreshRequest(appId, failed);
    } catch (RuntimeException e) {
      // not JSON, or JSON that is not an object
      return null;
    }
  }

  /** A {@code token-updated} payload is the appid alone. */
  public static String updated(String appId) {
    return appId;
  }
}
