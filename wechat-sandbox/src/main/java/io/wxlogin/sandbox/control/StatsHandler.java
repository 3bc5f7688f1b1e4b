package io.wxlogin.sandbox.control;

import io.vertx.ext.web.RoutingContext;

/** {@code GET /sandbox/stats} and {@code DELETE /sandbox/stats} (resets every counter). */
public final class StatsHandler {

  private final Stats stats;

  public StatsHandler(Stats stats) {
    this.stats = stats;
  }

  public void show(RoutingContext ctx) {
    ControlJson.ok(ctx, 200, stats.toJson());
  }

  public void reset(RoutingContext ctx) {
    stats.reset();
    ControlJson.ok(ctx, 200, stats.toJson());
  }
}
