package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import io.wxlogin.bench.cluster.CpuMeter;
import io.wxlogin.bench.cluster.ProcStats;
import io.wxlogin.bench.cluster.RedisInfo;
import io.wxlogin.bench.cluster.Workers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An open-loop run of logins on every worker, with the cluster's CPU and Redis commands read over a
 * steady-state window inside it: after the first scans have landed, before the run stops starting logins.
 * Per-login figures divide by the logins confirmed inside that same window.
 */
final class MeasuredRun {

  record Result(RunSummary summary, JsonObject json) {
  }

  private MeasuredRun() {
  }

  /**
   * @param run the worker command without {@code rate}; {@code rate} is the cluster-wide rate
   * @param windowFrom first whole second of the measured window, counted from the run's start
   */
  static Result run(Bench bench, JsonObject run, double rate, int windowFrom, int windowTo) {
    JsonObject command = run.copy().put("cmd", "run").put("rate", bench.share(rate));
    long durationMs = command.getLong("durationMs");
    long drainMs = command.getLong("drainMs");
    long t0 = System.nanoTime();
    List<CompletableFuture<JsonObject>> answers = bench.workers.allAsync(i -> command);
    Bench.sleep(windowFrom * 1000L - (System.nanoTime() - t0) / 1_000_000);
    Map<String, Long> cpu0 = bench.clusterCpu.snapshot();
    Map<String, Long> jit0 = bench.clusterCpu.compilerSnapshot();
    Map<String, Long> own0 = bench.benchCpu.snapshot();
    Map<String, Long> redis0 = bench.redis.commandCalls();
    List<double[]> gc0 = bench.nodes.stream().map(n -> n.gcPauses()).toList();
    long pressure0 = ProcStats.cpuPressureMicros();
    long w0 = System.nanoTime();
    JsonObject parked = new JsonObject().put("parkedOnNodes", bench.parkedOnNodes());
    Bench.sleep(windowTo * 1000L - (System.nanoTime() - t0) / 1_000_000);
    Map<String, Long> cpu = CpuMeter.delta(cpu0, bench.clusterCpu.snapshot());
    Map<String, Long> jit = CpuMeter.delta(jit0, bench.clusterCpu.compilerSnapshot());
    Map<String, Long> own = CpuMeter.delta(own0, bench.benchCpu.snapshot());
    Map<String, Long> redis = RedisInfo.delta(redis0, bench.redis.commandCalls());
    long pressure = ProcStats.cpuPressureMicros() - pressure0;
    double windowUs = (System.nanoTime() - w0) / 1000.0;
    JsonArray nodeGc = new JsonArray();
    for (int n = 0; n < bench.nodes.size(); n++) {
      double[] after = bench.nodes.get(n).gcPauses();
      nodeGc.add(new JsonObject().put("node", bench.nodes.get(n).name()).put("pauses", after[0] - gc0.get(n)[0])
          .put("pausedMs", Math.round((after[1] - gc0.get(n)[1]) * 1000)));
    }
    RunSummary summary = RunSummary.of(Workers.await(answers, (durationMs + drainMs) / 1000 + 120));

    long logins = summary.confirmedIn(windowFrom, windowTo);
    int seconds = windowTo - windowFrom;
    JsonObject json = summary.toJson()
        .put("rate", rate)
        .put("durationSeconds", durationMs / 1000.0)
        .put("duringWindow", parked)
        .put("window", new JsonObject().put("fromSecond", windowFrom).put("toSecond", windowTo)
            .put("confirmed", logins).put("confirmedPerSecond", logins / (double) seconds)
            .put("minConfirmedInOneSecond", summary.minConfirmsPerSecond(windowFrom, windowTo)))
        .put("cpu", cpuJson(cpu, jit, own, logins, seconds))
        .put("redis", RedisCostPhase.perLogin(redis, logins))
        .put("contention", new JsonObject()
            .put("cpuPressureSome", pressure0 < 0 ? null : pressure / windowUs)
            .put("nodeGcInWindow", nodeGc)
            .put("benchWorkersGcWholeRun", new JsonObject().put("collections", summary.count("gcCount"))
                .put("pausedMs", summary.count("gcMillis"))));
    return new Result(summary, json);
  }

  /** {@code jit}: the part of {@code cluster} its JVMs' JIT compiler threads used. */
  static JsonObject cpuJson(Map<String, Long> cluster, Map<String, Long> jit, Map<String, Long> bench, long logins,
      int seconds) {
    JsonObject perProcess = new JsonObject();
    cluster.forEach((name, ns) -> perProcess.put(name, logins == 0 ? 0 : ns / 1000.0 / logins));
    long clusterNs = CpuMeter.total(cluster);
    long jitNs = CpuMeter.total(jit);
    long benchNs = CpuMeter.total(bench);
    return new JsonObject()
        .put("clusterUsPerLogin", logins == 0 ? 0 : clusterNs / 1000.0 / logins)
        .put("jitUsPerLogin", logins == 0 ? 0 : jitNs / 1000.0 / logins)
        .put("perProcessUsPerLogin", perProcess)
        .put("benchUsPerLogin", logins == 0 ? 0 : benchNs / 1000.0 / logins)
        .put("clusterCoresBusy", clusterNs / 1e9 / seconds)
        .put("benchCoresBusy", benchNs / 1e9 / seconds);
  }
}
