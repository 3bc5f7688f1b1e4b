package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.cluster.RedisInfo;
import io.wxlogin.bench.cluster.Workers;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Redis commands per login, with nothing else running: a batch of logins is created and parked, scanned
 * after a short or a long wait, and {@code INFO commandstats} is read before, at the scan and after the
 * last answer. The background (node heartbeats, the token-server) is measured while idle first and taken
 * off. Two levels are reported: the {@code EVALSHA}/{@code EVAL} calls (what the nodes send: one round
 * trip each) and every command including those the scripts run inside Redis.
 */
public final class RedisCostPhase {

  private static final List<String> SCRIPT_CALLS = List.of("evalsha", "eval");

  private final Bench bench;

  public RedisCostPhase(Bench bench) {
    this.bench = bench;
  }

  public JsonObject run(String mode) {
    int seconds = bench.options.integer("baseline-seconds");
    Map<String, Long> b0 = bench.redis.commandCalls();
    long bt0 = System.nanoTime();
    Bench.sleep(seconds * 1000L);
    Map<String, Long> baseline = RedisInfo.delta(b0, bench.redis.commandCalls());
    double baselineSeconds = (System.nanoTime() - bt0) / 1e9;
    JsonObject result = new JsonObject().put("idleCommandsPerSecond", scaled(baseline, 1 / baselineSeconds));
    result.put("early", batch(mode, bench.options.integer("early-scan-seconds"), baseline, baselineSeconds));
    result.put("late", batch(mode, bench.options.integer("late-scan-seconds"), baseline, baselineSeconds));
    return result;
  }

  private JsonObject batch(String mode, int scanAfterSeconds, Map<String, Long> baseline, double baselineSeconds) {
    int count = bench.options.integer("redis-logins");
    Bench.log("redis cost, " + mode + ": " + count + " logins scanned after " + scanAfterSeconds + " s");
    JsonObject spec = new JsonObject().put("mode", mode).put("scanDelayMs", 0)
        .put("waitSeconds", bench.options.integer("wait-seconds")).put("drainMs", 30_000)
        .put("pollNode", 0).put("callbackNode", 1).put("scanRate", bench.share(500.0));
    Map<String, Long> s0 = bench.redis.commandCalls();
    long t0 = System.nanoTime();
    bench.workers.all(i -> spec.copy().put("cmd", "prepare").put("count", bench.share(count, i)), 300);
    long parkedAt = System.nanoTime();
    JsonArray parked = bench.parkedOnNodes();
    Bench.sleep(scanAfterSeconds * 1000L - (System.nanoTime() - parkedAt) / 1_000_000);
    Map<String, Long> s1 = bench.redis.commandCalls();
    long t1 = System.nanoTime();
    List<CompletableFuture<JsonObject>> answers = bench.workers.allAsync(i -> new JsonObject().put("cmd", "go"));
    RunSummary summary = RunSummary.of(Workers.await(answers, 120));
    Map<String, Long> s2 = bench.redis.commandCalls();
    long t2 = System.nanoTime();
    long logins = summary.count("confirmed");
    Map<String, Long> whole = minus(RedisInfo.delta(s0, s2), baseline, (t2 - t0) / 1e9 / baselineSeconds);
    Map<String, Long> fromScan = minus(RedisInfo.delta(s1, s2), baseline, (t2 - t1) / 1e9 / baselineSeconds);
    return new JsonObject()
        .put("scanAfterSeconds", scanAfterSeconds)
        .put("logins", logins)
        .put("parkedOnNodesBeforeScan", parked)
        .put("lost", summary.count("lost")).put("errors", new JsonObject(new java.util.LinkedHashMap<>(summary.errors)))
        .put("pollsPerLogin", logins == 0 ? 0 : summary.count("polls") / (double) logins)
        .put("perLogin", perLogin(whole, logins))
        .put("fromCallbackToAnswer", perLogin(fromScan, logins));
  }

  /** Per-login figures from a commandstats delta (with the background already taken off). */
  static JsonObject perLogin(Map<String, Long> delta, long logins) {
    long total = delta.values().stream().mapToLong(Long::longValue).sum();
    long scripts = SCRIPT_CALLS.stream().mapToLong(c -> delta.getOrDefault(c, 0L)).sum();
    double n = Math.max(1, logins);
    return new JsonObject()
        .put("logins", logins)
        .put("scriptCalls", scripts / n)
        .put("allCommands", total / n)
        .put("subscribe", delta.getOrDefault("subscribe", 0L) + delta.getOrDefault("psubscribe", 0L)
            + delta.getOrDefault("ssubscribe", 0L))
        .put("byCommand", scaled(delta, 1 / n));
  }

  private static Map<String, Long> minus(Map<String, Long> delta, Map<String, Long> baseline, double times) {
    Map<String, Long> d = new TreeMap<>(delta);
    baseline.forEach((name, calls) -> d.computeIfPresent(name, (k, v) -> Math.max(0, v - Math.round(calls * times))));
    d.values().removeIf(v -> v == 0);
    return d;
  }

  private static JsonObject scaled(Map<String, Long> delta, double factor) {
    JsonObject json = new JsonObject();
    delta.forEach((name, calls) -> json.put(name, Math.round(calls * factor * 1000) / 1000.0));
    return json;
  }
}
