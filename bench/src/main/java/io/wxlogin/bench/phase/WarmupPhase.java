package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonObject;

/**
 * Logins at {@code warmup-rate} before anything is measured. Every JVM here (both nodes, the sandbox, the
 * workers) starts interpreted; the first seconds of a cold run are ten to a thousand times slower than
 * steady state, and that is not what a server that has been up for a minute does.
 */
public final class WarmupPhase {

  private final Bench bench;

  public WarmupPhase(Bench bench) {
    this.bench = bench;
  }

  public JsonObject run() {
    int seconds = bench.options.integer("warmup-seconds");
    if (seconds <= 0) {
      return new JsonObject().put("seconds", 0);
    }
    int rate = bench.options.integer("warmup-rate");
    Bench.log("warm-up: " + rate + " logins/s for " + seconds + " s (not measured)");
    JsonObject run = new JsonObject().put("mode", "longpoll").put("durationMs", seconds * 1000L)
        .put("scanDelayMs", 500).put("waitSeconds", bench.options.integer("wait-seconds"))
        .put("drainMs", 20_000).put("pollNode", 0).put("callbackNode", 1).put("verifyConsumed", true);
    MeasuredRun.Result r = MeasuredRun.run(bench, run, rate, Math.min(2, seconds - 1), seconds);
    JsonObject json = r.json();
    json.remove("redis");
    Bench.log("warm-up: notify " + json.getJsonObject("notifyUs").encode());
    return json;
  }
}
