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
}
