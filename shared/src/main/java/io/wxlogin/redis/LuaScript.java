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
 * <p>A script is composed at load time: every piece its {@code -- uses:} header lines name (paths relative
 * to the script's own directory; each piece defines local functions), then the script itself. So one piece
 * of logic is written once and run both alone and as part of a larger script. The names the script may use
 * (hash field names from {@link RedisFields}, status names) are given as tables, and each use such as
 * {@code SCENE.status} is written into the source as the literal {@code 'status'}: a table built in Lua would
 * be built again on every call (it was a third of a script's time in Redis), and a name that is not in its
 * table fails the load rather than reading as nil in Redis.
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
  public static LuaScript load(Class<?> owner, String name, Names... tables) {
    String dir = owner.getPackageName().replace('.', '/');
    ClassLoader loader = owner.getClassLoader();
    String main = resource(loader, dir + "/" + name);
    StringBuilder source = new StringBuilder();
    for (String piece : uses(main)) {
      source.append(resource(loader, Path.of(dir, name).getParent().resolve(piece).normalize().toString().replace('\\', '/')));
    }
    return new LuaScript(inline(source.append(main).toString(), tables, name));
  }

  /** Replaces each {@code NAME.entry} of the given tables by {@code 'entry'}; an unknown entry is an error. */
  private static String inline(String source, Names[] tables, String script) {
    String out = source;
    for (Names table : tables) {
      java.util.regex.Matcher use = java.util.regex.Pattern
          .compile("\\b" + table.table() + "\\.([A-Za-z_][A-Za-z0-9_]*)").matcher(out);
      StringBuilder b = new StringBuilder();
      while (use.find()) {
        if (!table.entries().contains(use.group(1))) {
          throw new IllegalStateException(script + ": " + table.table() + "." + use.group(1) + " is not one of "
              + table.entries());
        }
        use.appendReplacement(b, "'" + use.group(1) + "'");
      }
      out = use.appendTail(b).toString();
    }
    return out;
  }

  /** Names a script may use under one table name, as {@code TABLE.entry}; each is inlined as {@code 'entry'}. */
  public record Names(String table, java.util.Set<String> entries) {
  }

  /** The Redis names of a hash's fields, as a script names them: {@code NAME.status}. */
  public static Names fieldTable(String name, HashField... fields) {
    return new Names(name, Arrays.stream(fields).map(HashField::field).collect(Collectors.toUnmodifiableSet()));
  }

  /** The names of an enum's constants, e.g. statuses, as a script names them: {@code NAME.PENDING}. */
  public static Names nameTable(String name, Enum<?>... values) {
    return new Names(name, Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet()));
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
