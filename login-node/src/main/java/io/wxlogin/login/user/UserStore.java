package io.wxlogin.login.user;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisKeys;
import java.util.List;

/** The {@code user:<openid>} records: first and last login, and how many logins. */
public final class UserStore {

  private static final LuaScript LOGIN = LuaScript.load(UserStore.class, "login.lua");

  private final Redis redis;
  private final RedisKeys keys;

  public UserStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  public String key(String openid) {
    return keys.user(openid);
  }

  /**
   * Records a login for one WeChat delivery and answers whether this openid had never logged in before.
   * Recording the same delivery again changes nothing and gives the same answer.
   */
  public Future<Boolean> recordLogin(String openid, String deliveryId) {
    return LOGIN.run(redis, List.of(keys.user(openid)), List.of(deliveryId, String.valueOf(System.currentTimeMillis())))
        .map(r -> r.toInteger() == 1);
  }
}
