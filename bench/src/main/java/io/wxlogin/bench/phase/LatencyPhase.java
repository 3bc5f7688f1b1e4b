package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.stats.Latency;

/**
 * Notify latency and CPU per login at a fixed rate (1,000 logins/s) while other browsers keep polls
 * pending on both nodes (10,000) for scenes nobody scans: each login's poll waits on node A, its scan
 * lands on node B after the scan delay, and the clock runs from sending that callback to the poll's
 * CONFIRMED. Run once per polling strategy on the same cluster.
 */
public final class LatencyPhase {

  /** The merged notify histogram, for the chart, and the figures. */
  public record Outcome(Latency notifyLatency, JsonObject json) {
  }

  private final Bench bench;

  public LatencyPhase(Bench bench) {
    this.bench = bench;
  }

  public Outcome run(String mode) {
    int pending = bench.options.integer("pending");
    int rate = bench.options.integer("latency-rate");
    int seconds = bench.options.integer("latency-seconds");
    long scanDelayMs = Long.parseLong(bench.options.get("scan-delay-ms"));
    Bench.log("latency, " + mode + ": parking " + pending + " pending polls");
    JsonObject held = bench.holdPending(pending / 2, mode, 180_000);
    Bench.log("latency, " + mode + ": " + held.encode() + "; now " + rate + " logins/s for " + seconds + " s");
    JsonObject run = new JsonObject().put("mode", mode).put("durationMs", seconds * 1000L)
        .put("scanDelayMs", scanDelayMs).put("waitSeconds", bench.options.integer("wait-seconds"))
        .put("drainMs", scanDelayMs + 30_000).put("pollNode", 0).put("callbackNode", 1);
    int from = (int) Math.ceil(scanDelayMs / 1000.0) + 2;
    MeasuredRun.Result r = MeasuredRun.run(bench, run, rate, Math.min(from, seconds - 1), seconds);
    JsonObject json = r.json().put("mode", mode).put("pending", held);
    bench.releasePending();
    Bench.log("latency, " + mode + ": notify " + json.getJsonObject("notifyUs").encode());
    return new Outcome(r.summary().notify, json);
  }
}
