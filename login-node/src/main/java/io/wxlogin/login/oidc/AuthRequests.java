package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Authorization requests waiting for a scan, {@code oidc-request:<id>}: any node can show the page for one,
 * attach its QR code and complete it. The id (128 random bits) is the only handle the browser holds.
 */
final class AuthRequests {

  private static final LuaScript CREATE = LuaScript.load(AuthRequests.class, "request-create.lua");
  private static final LuaScript ATTACH = LuaScript.load(AuthRequests.class, "request-attach.lua",
      LuaScript.fieldTable("REQUEST", RedisFields.OidcRequest.values()));

  private final RedisHashes redis;
  private final RedisKeys keys;
  private final int ttlSeconds;

  AuthRequests(RedisHashes redis, RedisKeys keys, int ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
  }

  static boolean plausibleId(String id) {
    return Opaque.urlSafe(id, 22);
  }

  Future<String> create(AuthRequest request) {
    String id = Opaque.random(16);
    List<String> args = new ArrayList<>(List.of(String.valueOf(ttlSeconds)));
    request.toFields().forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    return CREATE.run(redis.client(), List.of(keys.oidcRequest(id)), args).map(r -> id);
  }

  /** The request and its remaining lifetime in seconds, or null when unknown or expired. */
  Future<Pending> find(String id) {
    if (!plausibleId(id)) {
      return Future.succeededFuture(null);
    }
    Future<java.util.Map<String, String>> fields = redis.read(keys.oidcRequest(id));
    return fields.compose(m -> m == null ? Future.succeededFuture(null)
        : redis.send(Request.cmd(Command.TTL).arg(keys.oidcRequest(id)))
            .map(ttl -> new Pending(id, AuthRequest.fromFields(m), Math.max(0, ttl.toLong()))));
  }

  /** Records the QR code shown for the request; false when the request is gone. */
  Future<Boolean> attachScene(String id, String scene) {
    return ATTACH.run(redis.client(), List.of(keys.oidcRequest(id)), List.of(scene)).map(r -> r.toInteger() == 1);
  }

  /** Ends a request; true for the one caller that ended it, so a request completes once. */
  Future<Boolean> finish(String id) {
    return redis.delete(keys.oidcRequest(id));
  }

  record Pending(String id, AuthRequest request, long expiresIn) {
  }
}
