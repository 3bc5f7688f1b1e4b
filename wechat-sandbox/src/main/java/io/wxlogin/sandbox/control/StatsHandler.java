package io.wxlogin.sandbox.control;

import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;

/** {@code GET /sandbox/stats} and {@code DELETE /sandbox/stats} (resets every counter). */
public final class StatsHandler {

  private final Stats stats;

  public StatsHandler(Stats stats) {
    this.stats = stats;
  }

  public void show(RoutingContext ctx) {
    JsonReply.send(ctx, 200, stats.toJson());
  }

  public void reset(RoutingContext ctx) {
    stats.reset();
    JsonReply.send(ctx, 200, stats.toJson());
  }
}
