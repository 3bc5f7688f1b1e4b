package io.wxlogin.sandbox.control;

import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Injected failures, queued per API path and used up in the order they were added: a second fault for the
 * same API starts when the first one's count runs out (so one with count -1 hides the ones behind it).
 */
public final class Faults {

  private final Map<String, Deque<Fault>> queued = new HashMap<>();

  public void add(Fault fault) {
    queued.computeIfAbsent(fault.api(), k -> new ArrayDeque<>()).addLast(fault);
  }

  /** The fault this call of {@code api} suffers, if any, counting it as used. */
  public Fault next(String api) {
    Deque<Fault> faults = queued.get(api);
    if (faults == null || faults.isEmpty()) {
      return null;
    }
    Fault head = faults.removeFirst();
    if (head.remaining() == Fault.UNTIL_CLEARED) {
      faults.addFirst(head);
    } else if (head.remaining() > 1) {
      faults.addFirst(new Fault(head.api(), head.errcode(), head.delayMs(), head.remaining() - 1));
    }
    return head;
  }

  public int clear() {
    int n = queued.values().stream().mapToInt(Deque::size).sum();
    queued.clear();
    return n;
  }

  public JsonArray toJson() {
    JsonArray all = new JsonArray();
    queued.values().forEach(q -> q.forEach(f -> all.add(f.toJson())));
    return all;
  }
}
