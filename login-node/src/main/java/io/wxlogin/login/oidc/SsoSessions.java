package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wxlogin.login.scene.SceneStatus;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisFields.OidcSso;
import io.wxlogin.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser's SSO session: cookie {@code <sid>.<secret>}; Redis keeps {@code oidc-sso:<sid>} with the secret's
 * SHA-256 only, so a Redis dump cannot be replayed as a cookie. {@code sid} is also the id_token's {@code sid}
 * claim, so a logout with an id_token_hint finds the session without the cookie. What the session issued is
 * listed in {@code oidc-sso-grants:<sid>} and ends with it.
 */
final class SsoSessions {

  private static final LuaScript CREATE = LuaScript.load(SsoSessions.class, "sso-create.lua",
      LuaScript.fieldTable("SSO", RedisFields.OidcSso.values()));
  private static final LuaScript LINK = LuaScript.load(SsoSessions.class, "sso-link.lua",
      LuaScript.fieldTable("SCENE", RedisFields.Scene.values()), LuaScript.nameTable("STATUS", SceneStatus.values()));

  private final RedisHashes redis;
  private final RedisKeys keys;
  private final int ttlSeconds;
  private final int grantsTtlSeconds;
  private UserGrants users;

  /** A live SSO session; {@code authTime} in epoch seconds. */
  record Sso(String sid, String openid, boolean newUser, long authTime) {
  }

  /** A new session and the cookie value that proves it; {@code toString} never shows the cookie. */
  record Created(Sso sso, String cookie) {
    @Override
    public String toString() {
      return "Created[" + sso + ", cookie=****]";
    }
  }

  SsoSessions(RedisHashes redis, RedisKeys keys, int ttlSeconds, int grantsTtlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
    this.grantsTtlSeconds = grantsTtlSeconds;
  }

  int ttlSeconds() {
    return ttlSeconds;
  }

  /** Lists each new session under its user too, so revoking the user ends it. */
  SsoSessions indexedBy(UserGrants users) {
    this.users = users;
    return this;
  }

  Future<Created> create(String openid, boolean newUser, long authTime) {
    String sid = Opaque.random(16);
    String secret = Opaque.random(32);
    return CREATE.run(redis.client(), List.of(keys.oidcSso(sid)), List.of(Opaque.sha256Hex(secret), openid,
            newUser ? "1" : "0", String.valueOf(authTime), String.valueOf(ttlSeconds)))
        .compose(r -> users == null ? Future.succeededFuture() : users.add(openid, "sso:" + sid))
        .map(r -> new Created(new Sso(sid, openid, newUser, authTime), sid + "." + secret));
  }

  /** The session a cookie proves, or null (absent, malformed, expired, ended, or a wrong secret). */
  Future<Sso> find(String cookie) {
    String[] parts = cookie == null ? new String[0] : cookie.split("\\.", -1);
    if (parts.length != 2 || !Opaque.urlSafe(parts[0], 22) || !Opaque.urlSafe(parts[1], 43)) {
      return Future.succeededFuture(null);
    }
    return redis.read(keys.oidcSso(parts[0])).map(m -> m == null
        || !Opaque.sameSecret(m.get(OidcSso.SECRET_SHA.field()), Opaque.sha256Hex(parts[1])) ? null
        : new Sso(parts[0], m.get(OidcSso.OPENID.field()), "1".equals(m.get(OidcSso.NEW_USER.field())),
            Long.parseLong(m.get(OidcSso.AUTH_TIME.field()))));
  }

  static String sidOf(String cookie) {
    int dot = cookie == null ? -1 : cookie.indexOf('.');
    return dot == 22 && Opaque.urlSafe(cookie.substring(0, dot), 22) ? cookie.substring(0, dot) : null;
  }

  /** Records a session ({@code s:<sha>}) or refresh family ({@code f:<id>}) issued under {@code sid}. */
  Future<Void> addGrant(String sid, String grant) {
    if (sid == null) {
      return Future.succeededFuture();
    }
    String key = keys.oidcSsoGrants(sid);
    return redis.send(Request.cmd(Command.SADD).arg(key).arg(grant))
        .compose(r -> redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(grantsTtlSeconds))).mapEmpty();
  }

  /**
   * Ends the session and answers what it had issued, for the caller to revoke. The session goes first and its
   * grants are read after: a token whose grant was recorded before {@link #live} saw the session is in the list.
   */
  Future<List<String>> end(String sid) {
    String key = keys.oidcSsoGrants(sid);
    return redis.send(Request.cmd(Command.DEL).arg(keys.oidcSso(sid)))
        .compose(v -> redis.send(Request.cmd(Command.SMEMBERS).arg(key)))
        .compose(members -> {
          List<String> grants = new ArrayList<>();
          if (members != null) {
            members.forEach(m -> grants.add(m.toString()));
          }
          return redis.send(Request.cmd(Command.DEL).arg(key)).map(v -> grants);
        });
  }

  /**
   * Whether the session still lives. Asked after a grant was recorded with {@link #addGrant}: if it answers yes,
   * any later {@link #end} finds that grant and revokes it; if no, the caller revokes what it just issued.
   */
  Future<Boolean> live(String sid) {
    return redis.send(Request.cmd(Command.EXISTS).arg(keys.oidcSso(sid))).map(r -> r.toInteger() == 1);
  }

  /**
   * Records the session on the scene whose scan logged the user in, so that the user's {@code 0} in WeChat ends
   * it too; false if that login was already ended (the caller ends the session it just created).
   */
  Future<Boolean> linkToScene(String sid, String scene, String openid) {
    return LINK.run(redis.client(), List.of(keys.scene(scene)), List.of(sid, openid)).map(r -> r.toInteger() == 1);
  }
}
