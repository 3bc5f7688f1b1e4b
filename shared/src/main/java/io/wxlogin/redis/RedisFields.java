package io.wxlogin.redis;

/**
 * Every field of every Redis hash wxlogin writes, by hash (the keys are in {@link RedisKeys}). Java code names
 * a field as {@code Scene.STATUS.field()}; a Lua script as {@code SCENE.status}, from a table that
 * {@link LuaScript} generates from these enums, so a name is written once. docs/redis.md describes each hash.
 */
public final class RedisFields {

  private RedisFields() {
  }

  /**
   * {@code scene:<id>}: one QR code's login, from PENDING to CONSUMED (login-node). BROWSER, OS, CLIENT_NET and
   * SITE say what asked for the QR code (recorded at creation, named in the WeChat reply); SCANNED_AT and
   * SCANNED_TOLD are LOGIN_CONFIRM=reply's SCANNED state; ANSWER is the delivery id of the text ("1" or "0")
   * that answered it, SESSION the SHA-256 hex of the session its poll took, REVOKED_AT when a "0" ended it,
   * OIDC_SSO the SSO session an OpenID login started from it (a "0" ends that too).
   */
  public enum Scene implements HashField {
    STATUS, CREATED_AT, TICKET, NODE, OPENID, DELIVERY, CLAIMED_AT, NEW_USER, CONFIRMED_AT, CONSUMED_AT,
    BROWSER, OS, CLIENT_NET, SITE, SCANNED_AT, SCANNED_TOLD, ANSWER, ANSWERED_AT, SESSION, REVOKED_AT,
    OIDC_SSO
  }

  /** {@code last-scan:<openid>}: the login a user's next "1" or "0" text answers (login-node). */
  public enum LastScan implements HashField {
    SCENE, SCANNED_AT
  }

  /** {@code user:<openid>}: a WeChat user's logins (login-node). */
  public enum User implements HashField {
    FIRST_LOGIN_AT, LAST_LOGIN_AT, LAST_DELIVERY, LAST_NEW_USER, LOGIN_COUNT
  }

  /**
   * {@code session:<sha256 of the token>}: one browser session (login-node); SCENE is the login it came from,
   * CLIENT_ID the OIDC client when the session is an OIDC access token.
   */
  public enum Session implements HashField {
    OPENID, NEW_USER, CREATED_AT, SCENE, CLIENT_ID
  }

  /** {@code token:<appid>}: the access_token (written by the token-server, read by login nodes). */
  public enum Token implements HashField {
    ACCESS_TOKEN, EXPIRES_AT, REFRESHED_AT, REFRESHED_BY
  }

  /** {@code token-force:<appid>}: the day's stable_token force refreshes (token-server). */
  public enum TokenForce implements HashField {
    DAY, COUNT, LAST_AT
  }

  /** {@code oidc-request:<id>}: an authorization request waiting for its scan (login-node, docs/oidc.md). */
  public enum OidcRequest implements HashField {
    CLIENT_ID, REDIRECT_URI, STATE, NONCE, CODE_CHALLENGE, SCOPE, PROMPT, MAX_AGE, LOGIN_HINT, SCENE
  }

  /** {@code oidc-code:<sha256 of the code>}: a code's bindings, and once redeemed what it issued. */
  public enum OidcCode implements HashField {
    CLIENT_ID, REDIRECT_URI, CODE_CHALLENGE, NONCE, OPENID, NEW_USER, AUTH_TIME, SCOPE, SID, USED, SESSION, FAMILY
  }

  /** {@code oidc-sso:<sid>}: a browser's SSO session; the cookie's secret only as its SHA-256. */
  public enum OidcSso implements HashField {
    SECRET_SHA, OPENID, NEW_USER, AUTH_TIME
  }

  /** {@code oidc-refresh:<family>}: a refresh-token family, its current token's SHA-256 and access token. */
  public enum OidcRefresh implements HashField {
    CURRENT, SESSION, CLIENT_ID, OPENID, NEW_USER, AUTH_TIME, SCOPE, SID
  }
}
