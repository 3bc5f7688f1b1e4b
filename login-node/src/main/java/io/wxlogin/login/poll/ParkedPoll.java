package io.wxlogin.login.poll;

import io.vertx.ext.web.RoutingContext;

/** One held long-poll: its request, its hold timer and whether a state check is running for it. */
public final class ParkedPoll {

  private final String scene;
  private final RoutingContext ctx;
  long timer = -1;
  boolean checking;
  boolean holdEnded;
  boolean checkAgain;
  /** The scene is SCANNED and this browser was told so: the poll waits for the final state. */
  boolean scannedSeen;

  ParkedPoll(String scene, RoutingContext ctx) {
    this.scene = scene;
    this.ctx = ctx;
  }

  String scene() {
    return scene;
  }

  RoutingContext ctx() {
    return ctx;
  }

  /** The node is shutting down: tell the browser to poll again, another node will answer. */
  public void answerUnavailable() {
    io.wxlogin.http.JsonReply.error(ctx, 503, "shutting_down", "This node is restarting; poll again.");
  }

  boolean answered() {
    return ctx.response().ended() || ctx.response().closed();
  }
}
