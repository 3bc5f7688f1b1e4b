package io.wxlogin.bench.worker;

import io.vertx.core.json.JsonObject;

/**
 * One run of logins as the coordinator asks for it. Open loop: {@code rate} logins a second for
 * {@code durationMs}, each scanned {@code scanDelayMs} after its first poll. Batch: {@code count} logins
 * created and parked first, all scanned when the coordinator says go.
 *
 * @param interval poll every second with {@code wait=0} (the seed's page) instead of long-polling
 * @param verifyConsumed after CONFIRMED, poll once more on the other node, which must answer 410 CONSUMED
 * @param flow what one login is: {@code plain} (a scan logs in), {@code reply} ({@code LOGIN_CONFIRM=reply}:
 *     the scan asks, the user's text {@code 1} logs in, {@code replyDelayMs} after the scan was answered) or
 *     {@code oidc} (a relying party's authorization request, then the code exchanged for tokens and userinfo)
 */
record RunSpec(boolean interval, double rate, long durationMs, int count, long scanDelayMs, int waitSeconds,
    long drainMs, int pollNode, int callbackNode, boolean verifyConsumed, int maxInFlight, double scanRate,
    String flow, long replyDelayMs) {

  static RunSpec from(JsonObject json) {
    return new RunSpec(
        "interval".equals(json.getString("mode", "longpoll")),
        json.getDouble("rate", 0.0),
        json.getLong("durationMs", 0L),
        json.getInteger("count", 0),
        json.getLong("scanDelayMs", 2_000L),
        json.getInteger("waitSeconds", 25),
        json.getLong("drainMs", 30_000L),
        json.getInteger("pollNode", 0),
        json.getInteger("callbackNode", 1),
        json.getBoolean("verifyConsumed", false),
        json.getInteger("maxInFlight", 20_000),
        json.getDouble("scanRate", 1_000.0),
        json.getString("flow", "plain"),
        json.getLong("replyDelayMs", 300L));
  }

  boolean reply() {
    return "reply".equals(flow);
  }

  boolean oidc() {
    return "oidc".equals(flow);
  }

  int pollWait() {
    return interval ? 0 : waitSeconds;
  }
}
