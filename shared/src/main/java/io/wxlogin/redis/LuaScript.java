package io.wxlogin.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Lua script kept as a {@code .lua} resource beside the code that runs it. Runs by {@code EVALSHA}
 * (one short command per call) and falls back to {@code EVAL} when the server has not seen it yet, as
 * after a Redis restart. Every call carries the shared command timeout.
 */
public final class LuaScript {

  private final String source;
  private final String sha1;

  private LuaScript(String source) {
    this.source = source;
    try {
      this.sha1 = HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** Loads {@code name} from the classpath beside {@code owner}. */
  public static LuaScript load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua resource " + name + " beside " + owner.getName());
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Future<Response> run(Redis redis, List<String> keys, List<String> args) {
    return run(redis, keys, args, RedisConfig.COMMAND_TIMEOUT_MS);
  }

  /** As {@link #run(Redis, List, List)} with another deadline, for a script whose answer must not be dropped. */
  public Future<Response> run(Redis redis, List<String> keys, List<String> args, long timeoutMs) {
    return redis.send(request(Command.EVALSHA, sha1, keys, args))
        .recover(t -> t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")
            ? redis.send(request(Command.EVAL, source, keys, args))
            : Future.failedFuture(t))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private static Request request(Command command, String script, List<String> keys, List<String> args) {
    Request r = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(r::arg);
    args.forEach(r::arg);
    return r;
  }
}
