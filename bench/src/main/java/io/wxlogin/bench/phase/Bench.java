package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.BenchOptions;
import io.wxlogin.bench.cluster.CpuMeter;
import io.wxlogin.bench.cluster.NodeProbe;
import io.wxlogin.bench.cluster.RedisInfo;
import io.wxlogin.bench.cluster.Workers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every phase works with: the options, the workers, the two nodes, Redis and the CPU meters. */
public final class Bench {

  final BenchOptions options;
  final Workers workers;
  final List<NodeProbe> nodes;
  final RedisInfo redis;
  final CpuMeter clusterCpu;
  final CpuMeter benchCpu;

  public Bench(BenchOptions options, Workers workers, List<NodeProbe> nodes, RedisInfo redis) {
    this.options = options;
    this.workers = workers;
    this.nodes = nodes;
    this.redis = redis;
    this.clusterCpu = new CpuMeter(options.pids());
    Map<String, Long> own = new LinkedHashMap<>();
    own.put("bench-coordinator", ProcessHandle.current().pid());
    List<Long> pids = workers.pids();
    for (int i = 0; i < pids.size(); i++) {
      own.put("bench-worker-" + i, pids.get(i));
    }
    this.benchCpu = new CpuMeter(own);
  }

  public BenchOptions options() {
    return options;
  }

  /** {@code total} shared out over the workers, the first ones taking the remainder. */
  int share(int total, int worker) {
    int n = workers.size();
    return total / n + (worker < total % n ? 1 : 0);
  }

  double share(double total) {
    return total / workers.size();
  }

  /** Every worker holds this many waiting browsers per node; answers the nodes' own parked counts. */
  JsonObject holdPending(int perNode, String mode, long timeoutMs) {
    List<JsonObject> answers = workers.all(i -> new JsonObject().put("cmd", "hold")
        .put("perNode", new JsonArray().add(share(perNode, i)).add(share(perNode, i)))
        .put("mode", mode).put("waitSeconds", options.integer("wait-seconds")).put("timeoutMs", timeoutMs),
        timeoutMs / 1000 + 60);
    long held0 = 0;
    long held1 = 0;
    long browsers = 0;
    long errors = 0;
    boolean reached = true;
    for (JsonObject a : answers) {
      held0 += a.getJsonArray("held").getLong(0);
      held1 += a.getJsonArray("held").getLong(1);
      browsers += a.getJsonArray("browsers").getLong(0) + a.getJsonArray("browsers").getLong(1);
      errors += a.getLong("errors");
      reached &= a.getBoolean("reached", false);
    }
    return new JsonObject().put("target", perNode * 2L).put("browsers", browsers)
        .put("heldByBench", new JsonArray().add(held0).add(held1)).put("parkedOnNodes", parkedOnNodes())
        .put("errors", errors).put("reached", reached);
  }

  void releasePending() {
    workers.all(i -> new JsonObject().put("cmd", "release"), 60);
  }

  JsonArray parkedOnNodes() {
    JsonArray parked = new JsonArray();
    for (NodeProbe n : nodes) {
      parked.add(Math.round(n.parkedPolls()));
    }
    return parked;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(Math.max(0, ms));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<Integer> ints(int... values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      list.add(v);
    }
    return list;
  }

  static void log(String line) {
    System.err.println("[bench] " + line);
  }
}
