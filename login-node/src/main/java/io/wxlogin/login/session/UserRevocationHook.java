package io.wxlogin.login.session;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.wxlogin.redis.RedisKeys;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Something else a user holds that must end with their sessions (the OpenID provider's refresh tokens).
 * A feature registers one with a {@code META-INF/services/io.wxlogin.login.session.UserRevocationHook} line,
 * so a node and the {@code ops revoke} command, which runs no verticle, both find it. It works from Redis
 * alone: like sessions, nothing of it may be cached on a node, so ending it in Redis ends it everywhere.
 */
public interface UserRevocationHook {

  /** Names what it ended in reports, e.g. {@code oidc_refresh_tokens}. */
  String name();

  /** Ends everything of this kind the user holds; answers how many there were. */
  Future<Integer> revokeUser(Redis redis, RedisKeys keys, String openid);

  /**
   * Ends what one login gave beyond its page session, when the user answers {@code 0} to it: {@code sso} is the
   * SSO session the OpenID provider recorded on the login's scene ({@code Scene.OIDC_SSO}). Answers how many
   * grants ended; by default there is nothing of this kind.
   */
  default Future<Integer> revokeLogin(Redis redis, RedisKeys keys, String sso) {
    return Future.succeededFuture(0);
  }

  /** The hooks on the classpath. */
  static List<UserRevocationHook> installed() {
    return ServiceLoader.load(UserRevocationHook.class).stream().map(ServiceLoader.Provider::get).toList();
  }
}
