package io.wxlogin.sandbox.qr;

import java.time.Instant;

/**
 * A parametric QR code the sandbox created.
 *
 * @param scene the scene as it appears in an EventKey: scene_str, or scene_id in decimal
 * @param expiresAt null for a permanent code
 */
public record QrCode(String ticket, String url, String actionName, String scene, Instant createdAt,
    Instant expiresAt) {

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * A login node's scene id is the secret its browser polls with, and the ticket shows the code: a record's
   * own toString would print both whole, so only the scene's first 8 characters are shown.
   */
  @Override
  public String toString() {
    String shown = scene.length() <= 8 ? scene : scene.substring(0, 8) + "…";
    return "QrCode[" + actionName + ", scene=" + shown + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
  }
}
