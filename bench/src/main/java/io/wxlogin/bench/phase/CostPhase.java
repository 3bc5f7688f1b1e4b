package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonObject;

/**
 * What one login costs, by flow, with no other browsers waiting: CPU per login of every cluster process and
 * Redis commands per login (all of them, as {@code INFO commandstats} counts them under load) over a steady
 * window of {@code cost-rate} logins a second. The flows:
 *
 * <ul>
 *   <li>{@code plain}: QR code, long-poll, scan, CONFIRMED;
 *   <li>{@code reply}: the same with {@code LOGIN_CONFIRM=reply}: the scan asks, SCANNED, the user's text
 *       {@code 1}, CONFIRMED;
 *   <li>{@code oidc}: an application's authorization request first, then after CONFIRMED the page's
 *       {@code /oauth2/complete}, the code exchanged at {@code /oauth2/token} and {@code /oauth2/userinfo}.
 * </ul>
 *
 * <p>The node configuration is whatever the cluster was started with; scripts/bench.sh runs this phase
 * once per configuration and {@code cost-label} names it. A flow the nodes do not serve (a build without
 * the OpenID provider, nodes not in reply mode) is found by a short probe and reported as skipped.
 * A probe that merely went badly (an overloaded machine) does not skip the flow: its figures will say so.
 */
public final class CostPhase {

  private static final long SCAN_DELAY_MS = 1_000;
  private static final int PROBE_RATE = 20;

  private final Bench bench;

  public CostPhase(Bench bench) {
    this.bench = bench;
  }

  public JsonObject run(String flow) {
    String label = bench.options.get("cost-label") + "/" + flow;
    if (!flow.equals("plain")) {
      JsonObject probe = MeasuredRun.run(bench, spec(flow, 2), PROBE_RATE, 0, 2).json();
      String skipped = skipReason(flow, probe.getJsonObject("errors", new JsonObject()));
      if (skipped != null) {
        Bench.log("cost, " + label + ": skipped — " + skipped);
        return new JsonObject().put("skipped", skipped).put("probeErrors", probe.getJsonObject("errors"));
      }
    }
    int rate = bench.options.integer("cost-rate");
    int warm = bench.options.integer("cost-warmup-seconds");
    if (warm > 0) {
      Bench.log("cost, " + label + ": warm-up " + rate + " logins/s for " + warm + " s");
      MeasuredRun.run(bench, spec(flow, warm), rate, Math.min(2, warm - 1), warm);
    }
    int seconds = bench.options.integer("cost-seconds");
    Bench.log("cost, " + label + ": " + rate + " logins/s for " + seconds + " s");
    int from = (int) Math.ceil((SCAN_DELAY_MS + bench.options.integer("reply-delay-ms")) / 1000.0) + 2;
    JsonObject json = MeasuredRun.run(bench, spec(flow, seconds), rate, Math.min(from, seconds - 1), seconds).json()
        .put("flow", flow).put("label", bench.options.get("cost-label")).put("pendingPolls", 0);
    Bench.log("cost, " + label + ": " + json.getJsonObject("cpu").encode() + " redis "
        + json.getJsonObject("redis").getDouble("allCommands") + " commands/login, errors "
        + json.getJsonObject("errors").encode());
    return json;
  }

  private JsonObject spec(String flow, int seconds) {
    return new JsonObject().put("mode", "longpoll").put("flow", flow).put("durationMs", seconds * 1000L)
        .put("scanDelayMs", SCAN_DELAY_MS).put("replyDelayMs", bench.options.integer("reply-delay-ms"))
        .put("waitSeconds", bench.options.integer("wait-seconds")).put("drainMs", 15_000)
        .put("pollNode", 0).put("callbackNode", 1);
  }

  /** Why the nodes cannot be measured on this flow, from a probe run's errors; null when they can. */
  static String skipReason(String flow, JsonObject errors) {
    if (flow.equals("oidc") && errors.containsKey("authorize:404")) {
      return "these nodes have no OpenID provider (GET /oauth2/authorize answers 404): not on this build, or OIDC_ISSUER unset";
    }
    if (flow.equals("reply") && errors.fieldNames().stream()
        .anyMatch(e -> e.equals("reply-scan:logged_in") || e.equals("reply-scan:returning"))) {
      return "the scan logged in at once instead of asking for a reply: LOGIN_CONFIRM=reply is not on this build "
          + "or not set on these nodes";
    }
    return null;
  }
}
