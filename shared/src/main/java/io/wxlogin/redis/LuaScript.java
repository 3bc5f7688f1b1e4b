package io.wxlogin.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.server.Deadlines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Lua script kept as a {@code .lua} resource beside the code that runs it. Runs by {@code EVALSHA}
 * (one short command per call) and falls back to {@code EVAL} when the server has not seen it yet, as
 * after a Redis restart. Every call carries the shared command timeout, kept by {@link Deadlines} (one sweep per
 * event loop, not a timer per call).
 *
 * <p>A script is composed at load time: first the name tables it is given (hash field names from
 * {@link RedisFields}, status names), then every piece its {@code -- uses:} header lines name (paths relative
 * to the script's own directory; each piece defines local functions), then the script itself. So one piece
 * of logic is written once and run both alone and as part of a larger script.
 */
public final class LuaScript {

  private static final String USES = "-- uses:";

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

  /** Loads {@code name} from the classpath beside {@code owner}, with its pieces, after {@code tables}. */
  public static LuaScript load(Class<?> owner, String name, String... tables) {
    String dir = owner.getPackageName().replace('.', '/');
    ClassLoader loader = owner.getClassLoader();
    String main = resource(loader, dir + "/" + name);
    StringBuilder source = new StringBuilder();
    for (String table : tables) {
      source.append(table);
    }
    for (String piece : uses(main)) {
      source.append(resource(loader, Path.of(dir, name).getParent().resolve(piece).normalize().toString().replace('\\', '/')));
    }
    return new LuaScript(source.append(main).toString());
  }

  /** {@code local NAME = {status='status', ...}}: the Redis names of a hash's fields, as Lua sees them. */
  public static String fieldTable(String name, HashField... fields) {
    return table(name, Arrays.stream(fields).map(f -> f.field()).toList());
  }

  /** {@code local NAME = {PENDING='PENDING', ...}}: the names of an enum's constants, e.g. statuses. */
  public static String nameTable(String name, Enum<?>... values) {
    return table(name, Arrays.stream(values).map(Enum::name).toList());
  }

  private static String table(String name, List<String> names) {
    return "local " + name + " = {" + names.stream().map(n -> n + "='" + n + "'").collect(Collectors.joining(", "))
        + "}\n";
  }

  private static List<String> uses(String script) {
    List<String> pieces = new ArrayList<>();
    for (String line : script.split("\n")) {
      if (line.startsWith(USES)) {
        Arrays.stream(line.substring(USES.length()).trim().split("[\\s,]+")).filter(p -> !p.isEmpty())
            .forEach(pieces::add);
      }
    }
    return pieces;
  }

  private static String resource(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua resource " + path);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The composed source, as Redis runs it. */
  public String source() {
    return source;
  }

  public Future<Response> run(Redis redis, List<String> keys, List<String> args) {
    return run(redis, keys, args, RedisConfig.COMMAND_TIMEOUT_MS);
  }

  /** As {@link #run(Redis, List, List)} with another deadline, for a script whose answer must not be dropped. */
  public Future<Response> run(Redis redis, List<String> keys, List<String> args, long timeoutMs) {
    Future<Response> sent = redis.send(request(Command.EVALSHA, sha1, keys, args))
        .recover(t -> t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")
            ? redis.send(request(Command.EVAL, source, keys, args))
            : Future.failedFuture(t));
    return Deadlines.within(sent, timeoutMs);
  }

  private static Request request(Command command, String script, List<String> keys, List<String> args) {
    Request r = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(r::arg);
    args.forEach(r::arg);
    return r;
  }
}
