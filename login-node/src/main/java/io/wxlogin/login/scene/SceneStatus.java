package io.wxlogin.login.scene;

/**
 * The life of a scene (one QR code's login), as stored in its hash's {@code status} field and as a poll reports
 * it. PENDING → CONFIRMED (the scan is the user's consent) → CONSUMED (one poll took the session). SCANNED
 * (scanned, waiting for the user's reply) and REFUSED (the user said no) are the states of a login that asks
 * for confirmation on the phone.
 */
public enum SceneStatus {
  PENDING,
  SCANNED,
  CONFIRMED,
  CONSUMED,
  REFUSED,
  /** Never stored: the scene's hash is gone (its QR code expired) or never existed. */
  EXPIRED;

  /** The status a script answered, e.g. {@code "PENDING"}. */
  public static SceneStatus of(String name) {
    return valueOf(name);
  }
}
