package io.wxlogin.login.guard;

import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;

/**
 * Whether a long-poll may be held: {@link PollCaps} per client address and per scene, answered {@code 429}
 * beyond. An admitted poll frees its place when its answer ends, however it ends.
 */
public final class PollGate {

  private final ClientAddress clients;
  private final PollCaps caps;
  private final Refusals refusals;

  public PollGate(ClientAddress clients, PollCaps caps, Refusals refusals) {
    this.clients = clients;
    this.caps = caps;
    this.refusals = refusals;
  }

  /** True when the poll may be parked; otherwise it has been answered 429. */
  public boolean admit(RoutingContext ctx, String scene) {
    String address = clients.of(ctx.request());
    String full = caps.admit(address, scene);
    if (full == null) {
      ctx.addEndHandler(ar -> caps.release(address, scene));
      return true;
    }
    refusals.count("polls_per_" + full, "poll refused: " + ("address".equals(full)
        ? ClientAddress.masked(address) + " holds its maximum of waiting polls on this node (POLLS_PER_ADDRESS_MAX)"
        : "one QR code has its maximum of waiting polls on this node (POLLS_PER_SCENE_MAX)"));
    ctx.response().putHeader("Retry-After", "5");
    JsonReply.error(ctx, 429, "rate_limited", "Too many requests are waiting for this login; close the other "
        + "tabs or try again in a few seconds.");
    return false;
  }
}
