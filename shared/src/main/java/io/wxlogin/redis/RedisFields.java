package io.wxlogin.redis;

/**
 * Every field of every Redis hash wxlogin writes, by hash (the keys are in {@link RedisKeys}). Java code names
 * a field as {@code Scene.STATUS.field()}; a Lua script as {@code SCENE.status}, from a table that
 * {@link LuaScript} generates from these enums, so a name is written once. docs/redis.md describes each hash.
 */
public final class RedisFields {

  private RedisFields() {
  }

  /** {@code scene:<id>}: one QR code's login, from PENDING to CONSUMED (login-node). */
  public enum Scene implements HashField {
    STATUS, CREATED_AT, TICKET, NODE, OPENID, DELIVERY, CLAIMED_AT, NEW_USER, CONFIRMED_AT, CONSUMED_AT
  }

  /** {@code user:<openid>}: a WeChat user's logins (login-node). */
  public enum User implements HashField {
    FIRST_LOGIN_AT, LAST_LOGIN_AT, LAST_DELIVERY, LAST_NEW_USER, LOGIN_COUNT
  }

  /** {@code session:<sha256 of the token>}: one browser session (login-node). */
  public enum Session implements HashField {
    OPENID, NEW_USER, CREATED_AT
  }

  /** {@code token:<appid>}: the access_token (written by the token-server, read by login nodes). */
  public enum Token implements HashField {
    ACCESS_TOKEN, EXPIRES_AT, REFRESHED_AT, REFRESHED_BY
  }

  /** {@code token-force:<appid>}: the day's stable_token force refreshes (token-server). */
  public enum TokenForce implements HashField {
    DAY, COUNT, LAST_AT
  }
}
