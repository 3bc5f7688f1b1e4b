package io.wxlogin.login.session;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.wxlogin.server.TokenRandom;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sessions: a 256-bit random bearer token handed to the browser once; Redis keeps only its SHA-256, so a
 * leaked dump of Redis grants nothing. No node caches a session, so a logout is effective everywhere at once.
 * A session is created by the poll that consumes its scene ({@code SceneStore.poll}, piece
 * {@code session/lib/store.lua}), in the same step where the keys allow it.
 */
public final class SessionStore {

  private static final SecureRandom RANDOM = TokenRandom.instance();
  private static final LuaScript READ = LuaScript.load(SessionStore.class, "read.lua",
      LuaScript.fieldTable("SESSION", RedisFields.Session.values()));
  private static final LuaScript STORE_FOR_CLIENT = LuaScript.load(SessionStore.class, "store-for-client.lua",
      LuaScript.fieldTable("SESSION", RedisFields.Session.values()));

  private final Redis redis;
  private final RedisKeys keys;
  private final int ttlSeconds;
  private final UserSessions users;

  public record Session(String openid, boolean newUser, long createdAt, long expiresIn) {
  }

  /** A freshly minted token and the key its session is stored under. */
  public record NewToken(String token, String key) {
    /** The SHA-256 hex the session is stored under, as recorded on the scene it came from and in the user's index. */
    public String hash() {
      return SessionStore.hash(token);
    }

    @Override
    public String toString() {
      return "NewToken[****]";
    }
  }

  public SessionStore(Redis redis, RedisKeys keys, int ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
    this.users = new UserSessions(redis, keys, UserRevocationHook.installed());
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  /** 256 random bits for a new session; nothing is stored yet. */
  public NewToken mint() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return new NewToken(token, keys.session(hash(token)));
  }

  /**
   * Stores a session that is an OIDC access token: tagged with its client, living {@code ttl} seconds, and in the
   * user's index so that revoking the user ends it too.
   */
  public Future<String> storeForClient(NewToken minted, String openid, boolean newUser, String clientId, int ttl) {
    return STORE_FOR_CLIENT.run(redis, List.of(minted.key()), List.of(openid, newUser ? "1" : "0",
            String.valueOf(System.currentTimeMillis()), String.valueOf(ttl), clientId))
        .compose(r -> users.add(openid, minted.hash(), ttl))
        .map(v -> minted.token());
  }

  /** The live session for a token, or {@code null}; garbage tokens are simply unknown. */
  public Future<Session> find(String token) {
    if (!plausible(token)) {
      return Future.succeededFuture(null);
    }
    return READ.run(redis, List.of(keys.session(hash(token))), List.of())
        .map(r -> r == null || r.size() < 4 ? null : new Session(r.get(0).toString(), "1".equals(r.get(1).toString()),
            r.get(2).toLong(), r.get(3).toLong()));
  }

  /** Ends a session; true if it existed. */
  public Future<Boolean> delete(String token) {
    if (!plausible(token)) {
      return Future.succeededFuture(false);
    }
    return redis.send(Request.cmd(Command.DEL).arg(keys.session(hash(token))))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(r -> r.toInteger() > 0);
  }

  /**
   * Ends every session of a user at once, on every node (none caches a session), and what the installed
   * {@link UserRevocationHook}s hold for them (the OpenID provider's refresh tokens).
   */
  public Future<UserSessions.Revoked> revokeUser(String openid) {
    return users.revokeUser(openid);
  }

  private static boolean plausible(String token) {
    return token != null && token.length() == 43 && token.chars().allMatch(c ->
        Character.isLetterOrDigit(c) || c == '-' || c == '_');
  }

  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
