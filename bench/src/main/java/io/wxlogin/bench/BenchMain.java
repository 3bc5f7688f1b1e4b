package io.wxlogin.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.cluster.NodeProbe;
import io.wxlogin.bench.cluster.RedisInfo;
import io.wxlogin.bench.cluster.Workers;
import io.wxlogin.bench.phase.Bench;
import io.wxlogin.bench.phase.CapacityPhase;
import io.wxlogin.bench.phase.CostPhase;
import io.wxlogin.bench.phase.LatencyPhase;
import io.wxlogin.bench.phase.RedisCostPhase;
import io.wxlogin.bench.phase.ThroughputPhase;
import io.wxlogin.bench.phase.WarmupPhase;
import io.wxlogin.bench.report.LatencyChart;
import io.wxlogin.bench.report.Report;
import io.wxlogin.bench.stats.Latency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code java -jar bench.jar --nodes A,B --redis host:port --pids name=pid,… [--quick] […]}: drives a
 * running cluster (scripts/bench.sh starts one) as browsers and as WeChat, and prints, and writes as JSON,
 * Markdown and an SVG chart, what docs/benchmarks.md reports. A phase that fails is recorded as failed and
 * the others still run.
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) throws IOException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<NodeProbe> nodes = nodeProbes(options);
    String[] redisAt = options.get("redis").split(":");
    RedisInfo redis = new RedisInfo(redisAt[0], Integer.parseInt(redisAt[1]));
    JsonObject results = new JsonObject()
        .put("startedAt", Instant.now().toString())
        .put("command", "java -jar bench/target/bench.jar " + String.join(" ", options.commandLine()))
        .put("options", new JsonObject(new LinkedHashMap<>(options.all())))
        .put("machine", machine(redis));
    Map<String, Latency> chart = new LinkedHashMap<>();
    try (Workers workers = new Workers(options.integer("workers"), options.get("worker-heap"))) {
      initWorkers(workers, options);
      Bench bench = new Bench(options, workers, nodes, redis);
      phase(results, "warmup", () -> new WarmupPhase(bench).run());
      if (options.phase("latency")) {
        JsonObject latency = new JsonObject();
        for (String mode : options.modes()) {
          phase(latency, mode, () -> {
            LatencyPhase.Outcome o = new LatencyPhase(bench).run(mode);
            chart.put(mode.equals("longpoll") ? "long-poll (wait=" + options.get("wait-seconds") + ")"
                : "interval (1 s, wait=0)", o.notifyLatency());
            return o.json().put("histogram", o.notifyLatency().encode());
          });
        }
        results.put("latency", latency);
      }
      if (options.phase("redis")) {
        JsonObject cost = new JsonObject();
        for (String mode : options.modes()) {
          phase(cost, mode, () -> new RedisCostPhase(bench).run(mode));
        }
        results.put("redis", cost);
      }
      if (options.phase("capacity") && options.modes().contains("longpoll")) {
        phase(results, "capacity", () -> new CapacityPhase(bench).run());
      }
      if (options.phase("throughput") && options.modes().contains("longpoll")) {
        phase(results, "throughput", () -> new ThroughputPhase(bench).run());
      }
      if (options.phase("cost")) {
        JsonObject cost = new JsonObject();
        for (String flow : options.get("cost-flows").split(",")) {
          phase(cost, options.get("cost-label") + "/" + flow.strip(), () -> new CostPhase(bench).run(flow.strip()));
        }
        results.put("cost", cost);
      }
    }
    results.put("finishedAt", Instant.now().toString());
    String table = Report.table(results).plain();
    System.out.println(table);
    if (results.containsKey("cost")) {
      System.out.println(Report.costTable(results).plain());
    }
    Files.writeString(Path.of(options.get("json")), results.encodePrettily() + "\n");
    Files.writeString(Path.of(options.get("markdown")), Report.table(results).markdown()
        + (results.containsKey("cost") ? "\n" + Report.costTable(results).markdown() : ""));
    if (!chart.isEmpty()) {
      Files.writeString(Path.of(options.get("chart")), LatencyChart.svg(
          LatencyChart.title(options.get("latency-rate"), options.get("pending")), chart));
    }
    System.err.println("[bench] wrote " + options.get("json") + ", " + options.get("markdown") + ", " + options.get("chart"));
  }

  private static void phase(JsonObject into, String key, Supplier<JsonObject> phase) {
    try {
      into.put(key, phase.get());
    } catch (RuntimeException e) {
      System.err.println("[bench] phase " + key + " failed: " + e);
      e.printStackTrace();
      into.put(key, new JsonObject().put("failed", String.valueOf(e)));
    }
  }

  private static List<NodeProbe> nodeProbes(BenchOptions options) {
    Map<String, Long> pids = options.pids();
    List<NodeProbe> nodes = new ArrayList<>();
    String[] addresses = options.get("nodes").split(",");
    for (int i = 0; i < addresses.length; i++) {
      String name = "login-node-" + (i + 1);
      String[] hp = addresses[i].split(":");
      // /metrics is on the node's management port, which scripts/bench.sh puts 1000 above the public one
      int management = Integer.parseInt(hp[1]) + options.integer("management-offset");
      nodes.add(new NodeProbe(name, hp[0], management, Integer.parseInt(hp[1]), pids.getOrDefault(name, -1L)));
    }
    return nodes;
  }

  private static void initWorkers(Workers workers, BenchOptions options) {
    List<String> addresses = options.addresses();
    JsonArray nodes = new JsonArray();
    for (String a : options.get("nodes").split(",")) {
      String[] hp = a.split(":");
      nodes.add(new JsonObject().put("host", hp[0]).put("port", Integer.parseInt(hp[1])));
    }
    String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    workers.all(i -> {
      JsonArray mine = new JsonArray();
      for (int k = i; k < addresses.size(); k += workers.size()) {
        mine.add(addresses.get(k));
      }
      JsonObject oidc = new JsonObject().put("clientId", options.get("oidc-client-id"))
          .put("clientSecret", options.get("oidc-client-secret")).put("redirectUri", options.get("oidc-redirect-uri"));
      return new JsonObject().put("cmd", "init").put("nodes", nodes).put("localAddresses", mine)
          .put("worker", i).put("workers", workers.size()).put("oidc", oidc)
          .put("token", options.get("token")).put("originalId", options.get("original-id"))
          .put("openidPrefix", "obench_" + run + "_w" + i + "_");
    }, 60);
  }

  private static JsonObject machine(RedisInfo redis) {
    JsonObject m = new JsonObject()
        .put("cpus", Runtime.getRuntime().availableProcessors())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          m.put("memoryKb", Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          m.put("cpuModel", line.substring(line.indexOf(':') + 1).strip());
          break;
        }
      }
    } catch (IOException ignored) {
      // not Linux: the figures that need /proc are missing anyway
    }
    for (String line : redis.info("server").split("\r?\n")) {
      if (line.startsWith("redis_version:")) {
        m.put("redis", line.substring("redis_version:".length()));
      }
    }
    return m;
  }
}
