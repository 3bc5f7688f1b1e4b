package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.stats.Latency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The workers' tallies of one run added up: counters, error reasons, per-second confirmations, histograms. */
final class RunSummary {

  static final String[] COUNTERS = {"offered", "skippedOverload", "started", "qrCreated", "callbacksSent",
      "callbacksOk", "confirmed", "confirmedBeforeCallback", "duplicates", "consumedChecks", "lost", "unfinished",
      "polls", "replies", "oidcCompleted", "gcCount", "gcMillis"};

  final Map<String, Long> counts = new TreeMap<>();
  final Map<String, Long> errors = new TreeMap<>();
  final Latency notify = new Latency();
  final Latency callbackReply = new Latency();
  final Latency qrCreate = new Latency();
  final Latency afterConfirm = new Latency();
  final Latency scanned = new Latency();
  long[] confirmsPerSecond = new long[0];

  static RunSummary of(List<JsonObject> tallies) {
    RunSummary s = new RunSummary();
    for (JsonObject t : tallies) {
      for (String c : COUNTERS) {
        s.counts.merge(c, t.getLong(c, 0L), Long::sum);
      }
      t.getJsonObject("errors", new JsonObject()).forEach(e -> s.errors.merge(e.getKey(), ((Number) e.getValue()).longValue(), Long::sum));
      s.notify.add(Latency.decode(t.getString("notify")));
      s.callbackReply.add(Latency.decode(t.getString("callbackReply")));
      s.qrCreate.add(Latency.decode(t.getString("qrCreate")));
      if (t.getString("scanned") != null) {
        s.scanned.add(Latency.decode(t.getString("scanned")));
      }
      if (t.getString("afterConfirm") != null) {
        s.afterConfirm.add(Latency.decode(t.getString("afterConfirm")));
      }
      JsonArray perSecond = t.getJsonArray("confirmsPerSecond", new JsonArray());
      if (perSecond.size() > s.confirmsPerSecond.length) {
        s.confirmsPerSecond = java.util.Arrays.copyOf(s.confirmsPerSecond, perSecond.size());
      }
      for (int i = 0; i < perSecond.size(); i++) {
        s.confirmsPerSecond[i] += perSecond.getLong(i);
      }
    }
    return s;
  }

  long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Confirmations in seconds {@code [from, to)} of the run. */
  long confirmedIn(int from, int to) {
    long sum = 0;
    for (int i = Math.max(0, from); i < Math.min(to, confirmsPerSecond.length); i++) {
      sum += confirmsPerSecond[i];
    }
    return sum;
  }

  long minConfirmsPerSecond(int from, int to) {
    long min = Long.MAX_VALUE;
    for (int i = from; i < to; i++) {
      min = Math.min(min, i < confirmsPerSecond.length ? confirmsPerSecond[i] : 0);
    }
    return min == Long.MAX_VALUE ? 0 : min;
  }

  static JsonObject percentiles(Latency l) {
    return new JsonObject()
        .put("count", l.count())
        .put("p50", l.percentileMicros(50)).put("p90", l.percentileMicros(90)).put("p99", l.percentileMicros(99))
        .put("p999", l.percentileMicros(99.9)).put("max", l.maxMicros())
        .put("mean", Math.round(l.meanMicros() * 10) / 10.0);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    counts.forEach(json::put);
    json.put("errors", new JsonObject(new java.util.LinkedHashMap<>(errors)));
    json.put("notifyUs", percentiles(notify));
    json.put("callbackReplyUs", percentiles(callbackReply));
    json.put("qrCreateUs", percentiles(qrCreate));
    if (afterConfirm.count() > 0) {
      json.put("afterConfirmUs", percentiles(afterConfirm));
    }
    if (scanned.count() > 0) {
      json.put("scannedUs", percentiles(scanned));
    }
    return json;
  }
}
