package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.wxlogin.login.session.UserRevocationHook;
import io.wxlogin.redis.RedisKeys;

/** Revoking a user (an operator's {@code ops revoke}) also ends their OIDC SSO sessions and refresh families. */
public final class OidcGrantsRevocation implements UserRevocationHook {

  @Override
  public String name() {
    return "oidc_grants";
  }

  @Override
  public Future<Integer> revokeUser(Redis redis, RedisKeys keys, String openid) {
    return UserGrants.revokeUser(redis, keys, openid);
  }
}
