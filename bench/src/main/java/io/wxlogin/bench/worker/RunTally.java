package io.wxlogin.bench.worker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.stats.Latency;
import java.util.TreeMap;

/** What one worker saw during one run, sent to the coordinator as JSON. Touched only on the worker's event loop. */
final class RunTally {

  /** From sending the signed callback until the poll holding the scene had its CONFIRMED answer. */
  final Latency notify = new Latency();
  /** From sending the signed callback until WeChat (the bench) had the node's passive reply. */
  final Latency callbackReply = new Latency();
  final Latency qrCreate = new Latency();
  /** LOGIN_CONFIRM=reply: from sending the scan until the poll holding the scene had its SCANNED answer. */
  final Latency scanned = new Latency();
  /** OpenID Connect flow: from the poll's CONFIRMED until userinfo answered (complete, token, userinfo). */
  final Latency afterConfirm = new Latency();
  long offered;
  long skippedOverload;
  long started;
  long qrCreated;
  long callbacksSent;
  long callbacksOk;
  long confirmed;
  long confirmedBeforeCallback;
  long duplicates;
  long consumedChecks;
  long lost;
  long unfinished;
  long polls;
  long replies;
  long oidcCompleted;
  final TreeMap<String, Long> errors = new TreeMap<>();
  private final long gcCountAtStart = gcCount();
  private final long gcMillisAtStart = gcMillis();
  /** Confirmations per second of the run, by second since it started. */
  long[] confirmsPerSecond = new long[0];

  void error(String reason) {
    errors.merge(reason, 1L, Long::sum);
  }

  void error(Throwable t) {
    error(t instanceof NodeClients.Unexpected u ? u.reason : t.getClass().getSimpleName());
  }

  void confirmedAt(int second) {
    if (second >= confirmsPerSecond.length) {
      confirmsPerSecond = java.util.Arrays.copyOf(confirmsPerSecond, Math.max(second + 1, confirmsPerSecond.length * 2));
    }
    confirmsPerSecond[second]++;
  }

  private static long gcCount() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcMillis() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
  }

  JsonObject toJson() {
    JsonArray perSecond = new JsonArray();
    int last = confirmsPerSecond.length - 1;
    while (last >= 0 && confirmsPerSecond[last] == 0) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      perSecond.add(confirmsPerSecond[i]);
    }
    return new JsonObject()
        .put("offered", offered).put("skippedOverload", skippedOverload).put("started", started)
        .put("qrCreated", qrCreated).put("callbacksSent", callbacksSent).put("callbacksOk", callbacksOk)
        .put("confirmed", confirmed).put("confirmedBeforeCallback", confirmedBeforeCallback)
        .put("duplicates", duplicates).put("consumedChecks", consumedChecks).put("lost", lost)
        .put("unfinished", unfinished).put("polls", polls).put("replies", replies).put("oidcCompleted", oidcCompleted)
        .put("errors", new JsonObject(new java.util.LinkedHashMap<>(errors)))
        .put("confirmsPerSecond", perSecond)
        .put("gcCount", gcCount() - gcCountAtStart).put("gcMillis", gcMillis() - gcMillisAtStart)
        .put("notify", notify.encode()).put("callbackReply", callbackReply.encode()).put("qrCreate", qrCreate.encode())
        .put("afterConfirm", afterConfirm.encode()).put("scanned", scanned.encode());
  }
}
