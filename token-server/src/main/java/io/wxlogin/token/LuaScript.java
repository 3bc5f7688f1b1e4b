package io.wxlogin.token;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.RedisConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Lua script kept as a {@code .lua} resource beside the class that runs it. Sent with EVAL every time:
 * the scripts are a few hundred bytes, and EVAL needs no NOSCRIPT fallback after a Redis restart.
 */
public final class LuaScript {

  private final String name;
  private final String source;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
  }

  public static LuaScript load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource + " beside " + owner.getName());
      }
      return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the script with the usual command deadline; a Redis error reply fails the future. */
  public Future<Response> run(Redis redis, List<String> keys, List<String> args) {
    Request eval = Request.cmd(Command.EVAL).arg(source).arg(keys.size());
    keys.forEach(eval::arg);
    args.forEach(eval::arg);
    return redis.send(eval).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return name;
  }
}
