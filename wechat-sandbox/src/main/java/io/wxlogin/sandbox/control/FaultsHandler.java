package io.wxlogin.sandbox.control;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import io.wxlogin.http.JsonReply;

/**
 * {@code POST /sandbox/faults {"api","errcode"?,"delayMs"?,"count"?}} queues a fault for the next calls of
 * one WeChat API; {@code GET} lists what is queued; {@code DELETE} clears everything.
 */
public final class FaultsHandler {

  static final long MAX_DELAY_MS = 600_000;

  private final Faults faults;
  private final List<String> apis;

  public FaultsHandler(Faults faults, List<String> apis) {
    this.faults = faults;
    this.apis = List.copyOf(apis);
  }

  public void add(RoutingContext ctx) {
    JsonObject body = ControlJson.bodyOrAnswer400(ctx);
    if (body == null) {
      return;
    }
    Object api = body.getValue("api");
    Object errcode = body.getValue("errcode");
    Object delay = body.getValue("delayMs");
    Object count = body.getValue("count", 1);
    String problem = null;
    if (!(api instanceof String) || !apis.contains(api)) {
      problem = "api must be one of " + String.join(", ", apis);
    } else if (errcode == null && delay == null) {
      problem = "give an errcode, a delayMs, or both";
    } else if (errcode != null && (!(errcode instanceof Integer) || (Integer) errcode == 0)) {
      problem = "errcode must be a non-zero integer";
    } else if (delay != null && !(isWhole(delay) && ((Number) delay).longValue() >= 0
        && ((Number) delay).longValue() <= MAX_DELAY_MS)) {
      problem = "delayMs must be an integer from 0 to " + MAX_DELAY_MS;
    } else if (!(count instanceof Integer n) || (n < 1 && n != Fault.UNTIL_CLEARED)) {
      problem = "count must be a positive integer, or -1 for until cleared";
    }
    if (problem != null) {
      JsonReply.error(ctx, 400, "bad_fault", problem);
      return;
    }
    Fault fault = new Fault((String) api, (Integer) errcode, delay == null ? 0 : ((Number) delay).longValue(),
        (Integer) count);
    faults.add(fault);
    JsonReply.send(ctx, 201, fault.toJson());
  }

  public void list(RoutingContext ctx) {
    JsonReply.send(ctx, 200, new JsonObject().put("faults", faults.toJson()));
  }

  public void clear(RoutingContext ctx) {
    JsonReply.send(ctx, 200, new JsonObject().put("cleared", faults.clear()));
  }

  private static boolean isWhole(Object v) {
    return v instanceof Integer || v instanceof Long;
  }
}
