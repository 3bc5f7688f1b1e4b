package io.wxlogin.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The results JSON as one table: each figure for long-polling and for the seed's interval polling, the ratio, the target. */
public final class Report {

  private static final String LP = "longpoll";
  private static final String IV = "interval";

  private Report() {
  }

  public static Table table(JsonObject results) {
    Table t = new Table("figure", "long-poll", "interval (seed)", "interval ÷ long-poll", "target");
    latencyRows(t, results.getJsonObject("latency", new JsonObject()));
    redisRows(t, results.getJsonObject("redis", new JsonObject()));
    if (results.getJsonObject("throughput") != null) {
      throughputRows(t, results.getJsonObject("throughput"));
    }
    if (results.getJsonObject("capacity") != null) {
      capacityRows(t, results.getJsonObject("capacity"));
    }
    return t;
  }

  /**
   * What one login costs by node configuration and flow (the cost phase): one row each, CPU per login of all
   * cluster processes and of each, Redis commands per login, the notify latency at that rate.
   */
  public static Table costTable(JsonObject results) {
    Table t = new Table("configuration / flow", "CPU per login", "node A / node B / Redis / sandbox / token-server",
        "Redis calls / all commands per login", "notify p50 / p99", "bench's own CPU per login");
    JsonObject cost = results.getJsonObject("cost", new JsonObject());
    for (String key : cost.fieldNames()) {
      JsonObject c = cost.getJsonObject(key);
      if (c.containsKey("skipped") || c.containsKey("failed")) {
        t.row(key, "skipped", c.getString("skipped", c.getString("failed")), "", "", "");
        continue;
      }
      JsonObject per = c.getJsonObject("cpu", new JsonObject()).getJsonObject("perProcessUsPerLogin", new JsonObject());
      StringBuilder split = new StringBuilder();
      for (String p : new String[] {"login-node-1", "login-node-2", "redis-server", "wechat-sandbox", "token-server"}) {
        split.append(split.length() == 0 ? "" : " / ").append(fixed(num(per, p), 0));
      }
      t.row(key + " at " + fixed(c.getDouble("rate"), 0) + "/s", us(num(c, "cpu", "clusterUsPerLogin"))
              + " (JIT " + us(num(c, "cpu", "jitUsPerLogin")) + ")", split.toString(),
          redisPair(c, "redis"), ms(num(c, "notifyUs", "p50")) + " / " + ms(num(c, "notifyUs", "p99"))
              + (c.containsKey("scannedUs") ? "; SCANNED wake-up " + ms(num(c, "scannedUs", "p50")) + " / "
                  + ms(num(c, "scannedUs", "p99")) : ""),
          us(num(c, "cpu", "benchUsPerLogin")));
    }
    return t;
  }

  private static void latencyRows(Table t, JsonObject latency) {
    for (String[] p : new String[][] {{"p50", "≤ 1 ms"}, {"p99", "≤ 5 ms"}, {"p999", ""}, {"max", ""}, {"mean", "seed ~500 ms"}}) {
      Double a = num(latency, LP, "notifyUs", p[0]);
      Double b = num(latency, IV, "notifyUs", p[0]);
      t.row("notify latency " + p[0].replace("p999", "p99.9"), ms(a), ms(b), ratio(b, a), p[1]);
    }
    t.row("  at logins/s, polls pending on the nodes", ratePending(latency, LP), ratePending(latency, IV), "", "1,000/s, 10,000");
    Double ca = num(latency, LP, "cpu", "clusterUsPerLogin");
    Double cb = num(latency, IV, "cpu", "clusterUsPerLogin");
    t.row("CPU per login, all cluster processes", us(ca), us(cb), ratio(cb, ca), "≤ 300 µs at 1,000/s");
    t.row("  of which the JIT compiling (a fresh JVM's, not a warm server's)", us(num(latency, LP, "cpu", "jitUsPerLogin")),
        us(num(latency, IV, "cpu", "jitUsPerLogin")), "", "");
    t.row("  cluster cores busy", fixed(num(latency, LP, "cpu", "clusterCoresBusy"), 2),
        fixed(num(latency, IV, "cpu", "clusterCoresBusy"), 2), "", "of 2");
    t.row("  time some task waited for a CPU (PSI)", pct(num(latency, LP, "contention", "cpuPressureSome")),
        pct(num(latency, IV, "contention", "cpuPressureSome")), "", "");
    t.row("  CPU per login of the bench itself (not counted)", us(num(latency, LP, "cpu", "benchUsPerLogin")),
        us(num(latency, IV, "cpu", "benchUsPerLogin")), "", "");
    t.row("Redis commands per login under load (EVALSHA / all)", redisPair(latency.getJsonObject(LP), "redis"),
        redisPair(latency.getJsonObject(IV), "redis"), "", "");
  }

  private static void redisRows(Table t, JsonObject redis) {
    for (String when : new String[] {"early", "late"}) {
      Double sa = num(redis, LP, when, "perLogin", "scriptCalls");
      Double sb = num(redis, IV, when, "perLogin", "scriptCalls");
      Double secs = num(redis, LP, when, "scanAfterSeconds");
      if (secs == null) {
        secs = num(redis, IV, when, "scanAfterSeconds");
      }
      String label = "Redis commands per login, scan after " + (secs == null ? "?" : fixed(secs, 0)) + " s (EVALSHA / all)";
      t.row(label, redisPair(obj(redis, LP, when), "perLogin"), redisPair(obj(redis, IV, when), "perLogin"),
          ratio(sb, sa), "≤ 5");
      t.row("  of which from callback to answer (EVALSHA = round trips)", redisPair(obj(redis, LP, when), "fromCallbackToAnswer"),
          redisPair(obj(redis, IV, when), "fromCallbackToAnswer"), "", "");
      t.row("  SUBSCRIBE during the batch", integer(num(redis, LP, when, "perLogin", "subscribe")),
          integer(num(redis, IV, when, "perLogin", "subscribe")), "", "0");
    }
  }

  private static void throughputRows(Table t, JsonObject tp) {
    JsonObject w = tp.getJsonObject("window", new JsonObject());
    t.row("logins/s sustained (" + fixed(tp.getDouble("durationSeconds"), 0) + " s, offered " + fixed(tp.getDouble("rate"), 0) + "/s)",
        fixed(w.getDouble("confirmedPerSecond"), 0) + " (slowest second " + w.getLong("minConfirmedInOneSecond") + ")",
        "", "", "≥ 5,000");
    t.row("  lost / duplicated logins", tp.getLong("lost") + " / " + tp.getLong("duplicates"), "", "", "0 / 0");
    t.row("  errors, unfinished, skipped (overload)", errors(tp) + ", " + tp.getLong("unfinished") + ", "
        + tp.getLong("skippedOverload"), "", "", "0");
    t.row("  notify p50 / p99 at that rate", ms(num(tp, "notifyUs", "p50")) + " / " + ms(num(tp, "notifyUs", "p99")), "", "", "");
    t.row("  CPU per login at that rate", us(num(tp, "cpu", "clusterUsPerLogin")), "", "", "");
    t.row("  of which the JIT compiling", us(num(tp, "cpu", "jitUsPerLogin")), "", "", "");
  }

  private static void capacityRows(Table t, JsonObject cap) {
    JsonArray nodes = cap.getJsonArray("nodes");
    StringBuilder held = new StringBuilder();
    StringBuilder heap = new StringBuilder();
    StringBuilder rss = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject n = nodes.getJsonObject(i);
      String sep = i == 0 ? "" : " / ";
      held.append(sep).append(n.getLong("mostParked"));
      heap.append(sep).append(kb(n.getDouble("heapBytesPerPoll")));
      rss.append(sep).append(kb(n.getDouble("rssBytesPerPoll")));
    }
    t.row("pending polls held at once, node A / node B", held.toString(), "", "", "≥ 18,000 each");
    t.row("  heap per held poll (after full GC)", heap.toString(), "", "", "≤ 12 KB");
    t.row("  RSS per held poll", rss.toString(), "", "", "");
  }

  private static String ratePending(JsonObject latency, String mode) {
    JsonObject m = latency.getJsonObject(mode);
    if (m == null) {
      return "–";
    }
    JsonArray parked = m.getJsonObject("duringWindow", new JsonObject()).getJsonArray("parkedOnNodes", new JsonArray());
    long sum = 0;
    for (int i = 0; i < parked.size(); i++) {
      sum += parked.getLong(i);
    }
    long browsers = m.getJsonObject("pending", new JsonObject()).getLong("browsers", 0L);
    return fixed(m.getDouble("rate"), 0) + "/s, " + (mode.equals(IV) ? browsers + " polling" : sum + " parked");
  }

  private static String redisPair(JsonObject o, String key) {
    if (o == null || o.getJsonObject(key) == null) {
      return "–";
    }
    JsonObject r = o.getJsonObject(key);
    return fixed(r.getDouble("scriptCalls"), 2) + " / " + fixed(r.getDouble("allCommands"), 2);
  }

  private static String errors(JsonObject run) {
    long sum = 0;
    for (Object v : run.getJsonObject("errors", new JsonObject()).getMap().values()) {
      sum += ((Number) v).longValue();
    }
    return String.valueOf(sum);
  }

  static JsonObject obj(JsonObject root, String... path) {
    JsonObject o = root;
    for (String p : path) {
      if (o == null) {
        return null;
      }
      o = o.getJsonObject(p);
    }
    return o;
  }

  static Double num(JsonObject root, String... path) {
    JsonObject o = root;
    for (int i = 0; i < path.length - 1; i++) {
      if (o == null) {
        return null;
      }
      o = o.getJsonObject(path[i]);
    }
    if (o == null || !(o.getValue(path[path.length - 1]) instanceof Number n)) {
      return null;
    }
    return n.doubleValue();
  }

  static String ms(Double us) {
    if (us == null) {
      return "–";
    }
    double ms = us / 1000;
    return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  static String pct(Double fraction) {
    return fraction == null ? "–" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
  }

  static String us(Double us) {
    return us == null ? "–" : String.format(Locale.ROOT, "%.0f µs", us);
  }

  static String kb(Double bytes) {
    return bytes == null ? "–" : String.format(Locale.ROOT, "%.2f KB", bytes / 1024);
  }

  static String fixed(Double v, int decimals) {
    return v == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String integer(Double v) {
    return v == null ? "–" : String.valueOf(Math.round(v));
  }

  static String ratio(Double a, Double b) {
    if (a == null || b == null || b == 0) {
      return "";
    }
    double r = a / b;
    return r >= 10 ? String.format(Locale.ROOT, "%.0f×", r) : String.format(Locale.ROOT, "%.2f×", r);
  }
}
