package io.wxlogin.login.session;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code user-sessions:<openid>} index: which sessions one user holds, so that all of them can be ended at
 * once (a stolen phone, an operator's {@code ops revoke}, the user answering {@code 0} in WeChat). Session keys
 * and the index live in different cluster slots, so each step is its own command; every step is safe to repeat.
 */
public final class UserSessions {

  private static final LuaScript ADD = LuaScript.load(UserSessions.class, "index-add.lua");

  private final Redis redis;
  private final RedisKeys keys;
  private final List<UserRevocationHook> hooks;

  /** What one revocation ended: sessions that were live, and per hook what it ended. */
  public record Revoked(int sessions, Map<String, Integer> hooks) {
  }

  public UserSessions(Redis redis, RedisKeys keys, List<UserRevocationHook> hooks) {
    this.redis = redis;
    this.keys = keys;
    this.hooks = List.copyOf(hooks);
  }

  /** Records a stored session (by the SHA-256 hex of its token) under its user. */
  public Future<Void> add(String openid, String sessionHash, int sessionTtlSeconds) {
    return ADD.run(redis, List.of(keys.userSessions(openid)), List.of(sessionHash, String.valueOf(sessionTtlSeconds)))
        .mapEmpty();
  }

  /** The session hashes indexed for a user; some may have expired or been logged out since. */
  public Future<List<String>> hashes(String openid) {
    return send(Request.cmd(Command.SMEMBERS).arg(keys.userSessions(openid)))
        .map(r -> {
          List<String> out = new ArrayList<>();
          r.forEach(member -> out.add(member.toString()));
          return out;
        });
  }

  /**
   * Ends every session of the user, then what the hooks hold. Only the members read are removed from the
   * index, so a login completing meanwhile keeps its entry (and is a login after the revocation).
   */
  public Future<Revoked> revokeUser(String openid) {
    return hashes(openid).compose(found -> {
      List<Future<Response>> deletes = new ArrayList<>();
      for (String hash : found) {
        deletes.add(send(Request.cmd(Command.DEL).arg(keys.session(hash))));
      }
      return Future.all(deletes).compose(all -> {
        int live = 0;
        for (Future<Response> d : deletes) {
          live += d.result().toInteger();
        }
        int ended = live;
        return forget(openid, found).compose(v -> runHooks(openid)).map(h -> new Revoked(ended, h));
      });
    });
  }

  private Future<Void> forget(String openid, List<String> hashes) {
    if (hashes.isEmpty()) {
      return Future.succeededFuture();
    }
    Request srem = Request.cmd(Command.SREM).arg(keys.userSessions(openid));
    hashes.forEach(srem::arg);
    return send(srem).mapEmpty();
  }

  private Future<Map<String, Integer>> runHooks(String openid) {
    Map<String, Integer> ended = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (UserRevocationHook hook : hooks) {
      chain = chain.compose(v -> hook.revokeUser(redis, keys, openid)
          .timeout(RedisConfig.COMMAND_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS)
          .map(n -> {
            ended.put(hook.name(), n);
            return null;
          }));
    }
    return chain.map(v -> ended);
  }

  private Future<Response> send(Request request) {
    return redis.send(request).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }
}
