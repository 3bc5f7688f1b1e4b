package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The highest login rate the cluster sustains: short open-loop steps of rising rate until one falls
 * behind (confirmations lag the offered rate, errors, lost logins or a p99 notify over a second), then
 * {@code throughput-seconds} at the last good rate with every login checked for exactly-once (a second
 * poll, on the other node, must get 410 CONSUMED).
 */
public final class ThroughputPhase {

  private static final long P99_LIMIT_US = 1_000_000;

  private final Bench bench;

  public ThroughputPhase(Bench bench) {
    this.bench = bench;
  }

  public JsonObject run() {
    long scanDelayMs = Long.parseLong(bench.options.get("throughput-scan-delay-ms"));
    int rate = bench.options.integer("throughput-rate");
    JsonArray steps = new JsonArray();
    if (rate <= 0) {
      rate = ramp(scanDelayMs, steps);
    }
    int seconds = bench.options.integer("throughput-seconds");
    Bench.log("throughput: " + rate + " logins/s for " + seconds + " s");
    JsonObject run = runSpec(scanDelayMs, seconds).put("verifyConsumed", true);
    int from = (int) Math.ceil(scanDelayMs / 1000.0) + 2;
    MeasuredRun.Result r = MeasuredRun.run(bench, run, rate, Math.min(from, seconds - 1), seconds);
    JsonObject json = r.json().put("ramp", steps).put("scanDelayMs", scanDelayMs);
    Bench.log("throughput: " + json.getJsonObject("window").encode() + " lost " + json.getLong("lost")
        + " duplicated " + json.getLong("duplicates") + " errors " + json.getJsonObject("errors").encode());
    return json;
  }

  private int ramp(long scanDelayMs, JsonArray steps) {
    int good = 0;
    int stepSeconds = bench.options.integer("ramp-step-seconds");
    for (int rate = bench.options.integer("ramp-start"); rate <= bench.options.integer("ramp-max");
        rate += bench.options.integer("ramp-step")) {
      // judge a step on its second half: the first seconds carry the previous step's tail and no scans yet
      int from = Math.max((int) Math.ceil(scanDelayMs / 1000.0) + 1, stepSeconds / 2);
      MeasuredRun.Result r = MeasuredRun.run(bench, runSpec(scanDelayMs, stepSeconds), rate, from, stepSeconds);
      RunSummary s = r.summary();
      double perSecond = r.json().getJsonObject("window").getDouble("confirmedPerSecond");
      boolean kept = s.errorCount() == 0 && s.count("lost") == 0 && s.count("duplicates") == 0
          && s.count("skippedOverload") == 0 && s.count("unfinished") == 0
          && perSecond >= rate * 0.97 && s.notify.percentileMicros(99) <= P99_LIMIT_US;
      steps.add(new JsonObject().put("rate", rate).put("confirmedPerSecond", perSecond).put("kept", kept)
          .put("notifyUs", RunSummary.percentiles(s.notify)).put("errors", new JsonObject(new java.util.LinkedHashMap<>(s.errors)))
          .put("lost", s.count("lost")).put("cpu", r.json().getJsonObject("cpu")));
      Bench.log("ramp: " + rate + "/s → " + Math.round(perSecond) + "/s confirmed, p99 "
          + s.notify.percentileMicros(99) + " µs, errors " + s.errorCount() + (kept ? "" : " — falls behind"));
      if (!kept) {
        break;
      }
      good = rate;
    }
    return Math.max(good, bench.options.integer("ramp-start"));
  }

  private JsonObject runSpec(long scanDelayMs, int seconds) {
    return new JsonObject().put("mode", "longpoll").put("durationMs", seconds * 1000L)
        .put("scanDelayMs", scanDelayMs).put("waitSeconds", bench.options.integer("wait-seconds"))
        .put("drainMs", scanDelayMs + 15_000).put("pollNode", 0).put("callbackNode", 1)
        .put("maxInFlight", 25_000 / bench.workers.size());
  }
}
