package io.wxlogin.token.store;

/**
 * What an operator may see about an appid's token: everything but the token itself. {@code expiresAt},
 * {@code refreshedAt} and {@code refreshedBy} are null when no token is stored; {@code holder} is null
 * when no replica holds the lease.
 */
public record TokenInfo(String appId, Long expiresAt, Long refreshedAt, String refreshedBy, String holder) {

  public boolean stored() {
    return expiresAt != null;
  }
}
