package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.wxlogin.login.session.UserRevocationHook;
import io.wxlogin.redis.RedisKeys;

/**
 * Revoking a user (an operator's {@code ops revoke}) also ends their OIDC SSO sessions and refresh families; a
 * user's {@code 0} in WeChat ends the SSO session that login started, with every token it issued.
 */
public final class OidcGrantsRevocation implements UserRevocationHook {

  @Override
  public String name() {
    return "oidc_grants";
  }

  @Override
  public Future<Integer> revokeUser(Redis redis, RedisKeys keys, String openid) {
    return UserGrants.revokeUser(redis, keys, openid);
  }

  @Override
  public Future<Integer> revokeLogin(Redis redis, RedisKeys keys, String sso) {
    return UserGrants.endSso(redis, keys, sso);
  }
}
