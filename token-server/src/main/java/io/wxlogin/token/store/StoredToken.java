package io.wxlogin.token.store;

import io.wxlogin.redis.TokenMessages;

/** The content of {@code token:<appid>}. {@link #toString()} shows the fingerprint, never the token. */
public record StoredToken(String accessToken, long expiresAt, long refreshedAt, String refreshedBy) {

  public String fingerprint() {
    return TokenMessages.fingerprint(accessToken);
  }

  /** Milliseconds the token was given when it was obtained. */
  public long lifetimeMs() {
    return expiresAt - refreshedAt;
  }

  @Override
  public String toString() {
    return "StoredToken[fingerprint=" + fingerprint() + ", expiresAt=" + expiresAt + ", refreshedAt=" + refreshedAt
        + ", refreshedBy=" + refreshedBy + "]";
  }
}
