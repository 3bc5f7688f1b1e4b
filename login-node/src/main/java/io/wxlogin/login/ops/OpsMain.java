package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.wxlogin.config.ConfigException;
import io.wxlogin.config.Env;
import io.wxlogin.login.session.UserRevocationHook;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar login-node.jar ops <command> [--json]}: what an on-call engineer asks Redis, without
 * redis-cli and without ever printing a secret. Runs on the caller's thread (no event loop is blocked: the
 * Redis calls run on Vert.x's own threads while this thread waits for the answer).
 */
public final class OpsMain {

  /** A whole command, scans included, ends within this even on a slow Redis. */
  private static final long COMMAND_DEADLINE_MS = 60_000;

  private OpsMain() {
  }

  public static void main(String[] args) {
    // the answer, or one line saying why not: the Redis client's own error records would repeat that line
    java.util.logging.LogManager.getLogManager().getLogger("").setLevel(java.util.logging.Level.OFF);
    // UTF-8 whatever the locale: JSON is UTF-8 by definition, and shortened ids end in '…'
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(Arrays.asList(args), System.getenv(), out, err));
  }

  /** Runs one command; answers the exit status (0 done, 1 not found, 2 usage, configuration or Redis error). */
  public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    OpsRequest request = OpsRequest.parse(args);
    if (request == null) {
      err.print(OpsRequest.USAGE);
      return Output.FAILED;
    }
    OpsSettings settings;
    try {
      settings = OpsSettings.from(new Env(env));
    } catch (ConfigException e) {
      e.problems().forEach(line -> err.println("ops: configuration error: " + line));
      return Output.FAILED;
    }
    Vertx vertx = Vertx.vertx();
    OpsRedis redis = new OpsRedis(vertx, settings.redis());
    try {
      return answer(request, settings, redis, out, err);
    } finally {
      redis.close();
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null)
          .join();
    }
  }

  private static int answer(OpsRequest request, OpsSettings settings, OpsRedis redis, PrintStream out,
      PrintStream err) {
    Throwable unreachable = failure(redis.reach(), OpsRedis.REACH_TIMEOUT_MS + 1_000);
    if (unreachable != null) {
      return fail(request, out, err, "redis_unreachable", "Redis is unreachable at " + redis.describe() + " ("
          + reason(unreachable) + "); check REDIS_URL and REDIS_MODE");
    }
    Future<Output> running = command(request, settings).run(redis, request, System.currentTimeMillis());
    Throwable failed = failure(running, COMMAND_DEADLINE_MS);
    if (failed != null) {
      return fail(request, out, err, "redis_error", "ops " + request.command() + " failed: " + reason(failed));
    }
    Output output = running.result();
    if (request.json()) {
      out.println(output.json().encodePrettily());
    } else {
      (output.status() == Output.OK ? out : err).print(output.text());
    }
    return output.status();
  }

  private static OpsCommand command(OpsRequest request, OpsSettings settings) {
    return switch (request.command()) {
      case "scenes" -> new ScenesCommand();
      case "scene" -> new SceneCommand();
      case "tokens" -> new TokensCommand(settings.appId());
      case "user" -> new UserCommand();
      case "revoke" -> new RevokeCommand(UserRevocationHook.installed());
      case "quota" -> new QuotaCommand(settings);
      default -> throw new IllegalArgumentException(request.command());
    };
  }

  /** Waits for the future; answers its failure, a timeout, or null when it succeeded. */
  private static Throwable failure(Future<?> future, long waitMs) {
    try {
      future.toCompletionStage().toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      return new IllegalStateException("no answer within " + waitMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  private static int fail(OpsRequest request, PrintStream out, PrintStream err, String code, String message) {
    err.println("ops: " + message);
    if (request.json()) {
      out.println(new JsonObject().put("error", code).put("message", message).encodePrettily());
    }
    return Output.FAILED;
  }

  private static String reason(Throwable t) {
    if (t instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + OpsRedis.REACH_TIMEOUT_MS / 1000 + " s";
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return Shown.oneLine(message);
  }
}
