package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.RedisConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The few single-key Redis commands the OIDC stores share, each with the shared command timeout. */
final class RedisHashes {

  private final Redis redis;

  RedisHashes(Redis redis) {
    this.redis = redis;
  }

  Redis client() {
    return redis;
  }

  Future<Response> send(Request r) {
    return redis.send(r).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** The hash as a map, or null when the key does not exist. */
  Future<Map<String, String>> read(String key) {
    return send(Request.cmd(Command.HGETALL).arg(key)).map(r -> {
      if (r == null || r.size() == 0) {
        return null;
      }
      Map<String, String> m = new HashMap<>();
      for (String k : r.getKeys()) {
        m.put(k, r.get(k).toString());
      }
      return m;
    });
  }

  Future<Boolean> delete(String key) {
    return send(Request.cmd(Command.DEL).arg(key)).map(r -> r.toInteger() > 0);
  }
}
