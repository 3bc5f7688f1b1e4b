package io.wxlogin.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options, {@code --name value} each. {@code --quick} shortens every phase for a smoke run
 * (a minute or two); the published figures come from a run without it.
 */
public final class BenchOptions {

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  private static final Map<String, String> QUICK = Map.ofEntries(
      Map.entry("latency-seconds", "6"), Map.entry("pending", "1000"), Map.entry("latency-rate", "300"),
      Map.entry("ramp-start", "500"), Map.entry("ramp-step", "500"), Map.entry("ramp-max", "1500"),
      Map.entry("ramp-step-seconds", "5"), Map.entry("throughput-seconds", "5"),
      Map.entry("capacity-per-node", "1000"), Map.entry("capacity-steps", "2"),
      Map.entry("redis-logins", "200"), Map.entry("wait-seconds", "5"), Map.entry("late-scan-seconds", "6"),
      Map.entry("baseline-seconds", "2"), Map.entry("warmup-seconds", "10"), Map.entry("warmup-rate", "300"),
      Map.entry("cost-rate", "200"), Map.entry("cost-seconds", "8"), Map.entry("cost-warmup-seconds", "4"));

  static {
    String[][] d = {
        {"nodes", "127.0.0.1:8080,127.0.0.1:8082"}, // node A (polls) first, node B (callbacks) second
        {"management-offset", "1000"},              // each node's MANAGEMENT_PORT is its HTTP_PORT plus this
        {"redis", "127.0.0.1:6379"},
        {"pids", ""},                               // name=pid,… of every cluster process
        {"workers", "3"},
        {"worker-heap", "1g"},
        {"addresses", "127.0.0.2-127.0.0.10"},      // source addresses, shared out among the workers
        {"mode", "both"},                           // longpoll, interval or both
        {"phases", "latency,throughput,capacity,redis,cost"},
        {"token", "sandboxtoken"},
        {"original-id", "gh_sandbox000001"},
        {"wait-seconds", "25"},                     // the demo page's long-poll wait
        {"scan-delay-ms", "2000"},
        {"warmup-seconds", "90"},                   // logins first, not measured: the JIT compiles for about a minute
        {"warmup-rate", "1000"},
        {"latency-rate", "1000"},
        {"latency-seconds", "30"},
        {"pending", "10000"},
        {"throughput-rate", "0"},                   // 0: find it by stepping the rate up
        {"ramp-start", "1000"},
        {"ramp-step", "500"},
        {"ramp-max", "8000"},
        {"ramp-step-seconds", "10"},
        {"throughput-seconds", "60"},
        {"throughput-scan-delay-ms", "1000"},
        {"capacity-per-node", "19000"},
        {"capacity-steps", "4"},
        {"redis-logins", "1000"},
        {"early-scan-seconds", "2"},
        {"late-scan-seconds", "26"},
        {"baseline-seconds", "5"},
        // cost of one login by flow, no other browsers waiting: CPU and Redis commands per login
        {"cost-flows", "plain,oidc"},               // plain, reply (needs LOGIN_CONFIRM=reply), oidc
        {"cost-label", "defaults"},                 // names the node configuration in the table
        {"cost-rate", "500"},
        {"cost-seconds", "20"},
        {"cost-warmup-seconds", "15"},              // each flow warms its own paths first
        {"reply-delay-ms", "300"},                  // the user's "1" this long after the scan was answered
        {"oidc-client-id", "bench"},                // as scripts/bench.sh registers it in OIDC_CLIENTS
        {"oidc-client-secret", "bench-client-secret-not-for-production"},
        {"oidc-redirect-uri", "http://127.0.0.1:18099/callback"},
        {"json", "bench-results.json"},
        {"markdown", "bench-results.md"},
        {"chart", "bench-latency.svg"},
    };
    for (String[] kv : d) {
      DEFAULTS.put(kv[0], kv[1]);
    }
  }

  private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
  private final List<String> commandLine;

  private BenchOptions(List<String> commandLine) {
    this.commandLine = commandLine;
  }

  public static BenchOptions parse(String[] args) {
    BenchOptions o = new BenchOptions(List.of(args));
    List<String> rest = new ArrayList<>(List.of(args));
    if (rest.remove("--quick")) {
      o.values.putAll(QUICK);
      o.values.put("quick", "true");
    }
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (!a.startsWith("--") || !DEFAULTS.containsKey(a.substring(2)) || i + 1 >= rest.size()) {
        throw new IllegalArgumentException("unknown option or missing value: " + a + "; options: --quick "
            + String.join(" ", DEFAULTS.keySet().stream().map(k -> "--" + k).toList()));
      }
      o.values.put(a.substring(2), rest.get(++i));
    }
    if (!Set.of("longpoll", "interval", "both").contains(o.get("mode"))) {
      throw new IllegalArgumentException("--mode is longpoll, interval or both");
    }
    return o;
  }

  public String get(String name) {
    return values.get(name);
  }

  public int integer(String name) {
    return Integer.parseInt(get(name));
  }

  public boolean quick() {
    return values.containsKey("quick");
  }

  public boolean phase(String name) {
    return List.of(get("phases").split(",")).contains(name);
  }

  public List<String> modes() {
    return switch (get("mode")) {
      case "longpoll" -> List.of("longpoll");
      case "interval" -> List.of("interval");
      default -> List.of("longpoll", "interval");
    };
  }

  public List<String> commandLine() {
    return commandLine;
  }

  public Map<String, String> all() {
    return values;
  }

  /** {@code name=pid,…} as a map, in the order given. */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String kv : get("pids").split(",")) {
      if (!kv.isBlank()) {
        String[] p = kv.split("=");
        pids.put(p[0].strip(), Long.parseLong(p[1].strip()));
      }
    }
    return pids;
  }

  /** {@code 127.0.0.2-127.0.0.13} or a comma-separated list, expanded. */
  public List<String> addresses() {
    String spec = get("addresses");
    if (!spec.contains("-")) {
      return List.of(spec.split(","));
    }
    String[] ends = spec.split("-");
    String base = ends[0].substring(0, ends[0].lastIndexOf('.') + 1);
    int from = Integer.parseInt(ends[0].substring(ends[0].lastIndexOf('.') + 1));
    int to = Integer.parseInt(ends[1].substring(ends[1].lastIndexOf('.') + 1));
    List<String> all = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      all.add(base + i);
    }
    return all;
  }
}
