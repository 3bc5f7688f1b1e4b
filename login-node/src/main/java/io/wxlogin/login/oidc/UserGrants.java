package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code oidc-user-grants:<openid>}: the SSO sessions and refresh families one user holds, so that revoking the
 * user (an operator's {@code ops revoke}, the user answering {@code 0} in WeChat) ends their OIDC logins too:
 * each SSO session with everything it issued, and each refresh family with its access token. Works from Redis
 * alone, so the ops command (which runs no verticle) can call {@link #revokeUser(Redis, RedisKeys, String)}.
 */
public final class UserGrants {

  private final RedisHashes redis;
  private final RedisKeys keys;
  private final int ttlSeconds;

  UserGrants(RedisHashes redis, RedisKeys keys, int ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
  }

  Future<Void> add(String openid, String grant) {
    String key = keys.oidcUserGrants(openid);
    return redis.send(Request.cmd(Command.SADD).arg(key).arg(grant))
        .compose(r -> redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(ttlSeconds))).mapEmpty();
  }

  /** Ends every OIDC grant of the user; answers how many SSO sessions and refresh families there were. */
  public static Future<Integer> revokeUser(Redis client, RedisKeys keys, String openid) {
    RedisHashes redis = new RedisHashes(client);
    Revoker revoker = new Revoker(redis, keys, new RefreshFamilies(redis, keys, 1));
    String key = keys.oidcUserGrants(openid);
    return redis.send(Request.cmd(Command.SMEMBERS).arg(key)).compose(members -> {
      List<String> grants = new ArrayList<>();
      if (members != null) {
        members.forEach(m -> grants.add(m.toString()));
      }
      Future<Void> all = Future.succeededFuture();
      for (String g : grants) {
        all = all.compose(v -> g.startsWith("sso:") ? endSso(client, keys, g.substring(4)).mapEmpty()
            : revoker.grants(List.of(g)));
      }
      return all.compose(v -> redis.delete(key)).map(v -> grants.size());
    });
  }

  /** Ends one SSO session and everything it issued; answers how many grants (tokens, families) it had. */
  public static Future<Integer> endSso(Redis client, RedisKeys keys, String sid) {
    RedisHashes redis = new RedisHashes(client);
    Revoker revoker = new Revoker(redis, keys, new RefreshFamilies(redis, keys, 1));
    return new SsoSessions(redis, keys, 1, 1).end(sid)
        .compose(grants -> revoker.grants(grants).map(v -> grants.size()));
  }
}
