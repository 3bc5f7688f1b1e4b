package io.wxlogin.login.poll;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.login.guard.PollGate;
import io.wxlogin.login.scene.SceneStatus;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.login.web.LoginMetrics;

/**
 * {@code GET /api/login/{scene}?wait=N}: answers at once when the scene is settled, otherwise parks the
 * request until this node is told the scene changed (SCANNED, CONFIRMED, REFUSED), or the wait ends.
 *
 * <p>The poll is parked in memory before Redis records this node as the holder, and Redis records the
 * holder and reads the state in one script; the confirming node sets the state and reads the holder in
 * one script. So a confirmation either is seen by this read or is published to this node after it, and a
 * message never finds the poll not yet parked. Checks of one poll never overlap: a wake during a check
 * makes the check run once more.
 */
public final class PollHandler implements Handler<RoutingContext> {

  private static final System.Logger LOG = System.getLogger("wxlogin.poll");
  private static final int DEFAULT_WAIT_SECONDS = 25;

  private final Vertx vertx;
  private final SceneStore scenes;
  private final SessionStore sessions;
  private final ParkedPolls parked;
  private final String nodeId;
  private final int maxWaitSeconds;
  private final LoginMetrics metrics;
  private final PollGate gate;

  public PollHandler(Vertx vertx, SceneStore scenes, SessionStore sessions, ParkedPolls parked, String nodeId,
      int maxWaitSeconds, LoginMetrics metrics, PollGate gate) {
    this.gate = gate;
    this.metrics = metrics;
    this.vertx = vertx;
    this.scenes = scenes;
    this.sessions = sessions;
    this.parked = parked;
    this.nodeId = nodeId;
    this.maxWaitSeconds = maxWaitSeconds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String scene = ctx.pathParam("scene");
    if (!SceneStore.looksLikeSceneId(scene)) {
      expired(ctx);
      return;
    }
    Integer wait = waitSeconds(ctx.request().getParam("wait"));
    if (wait == null) {
      JsonReply.error(ctx, 400, "bad_wait", "wait must be a whole number of seconds.");
      return;
    }
    if (wait > 0 && !gate.admit(ctx, scene)) {
      return;
    }
    ParkedPoll poll = new ParkedPoll(scene, ctx);
    if (wait > 0) {
      hold(poll, wait);
    }
    check(poll, wait == 0);
  }

  /** {@code wait} capped at the configured maximum, or null when it is not a whole number of seconds. */
  private Integer waitSeconds(String w) {
    try {
      int wait = w == null ? DEFAULT_WAIT_SECONDS : Integer.parseInt(w);
      return wait < 0 ? null : Math.min(maxWaitSeconds, wait);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void hold(ParkedPoll poll, int waitSeconds) {
    parked.park(poll);
    poll.ctx().addEndHandler(ar -> {
      parked.remove(poll);
      vertx.cancelTimer(poll.timer);
    });
    poll.timer = vertx.setTimer(waitSeconds * 1000L, id -> {
      // a check in flight may be consuming the scene: let it answer, with the session or with PENDING
      if (poll.checking) {
        poll.holdEnded = true;
      } else {
        stillWaiting(poll);
      }
    });
  }

  /** A confirmation for this scene was published to this node: check each poll held for it. */
  public void wake(String scene) {
    parked.forScene(scene, p -> check(p, false));
  }

  /** The pub/sub link was down and messages may be lost: check every held poll. */
  public void recheckAll() {
    parked.forAll(p -> check(p, false));
  }

  private void check(ParkedPoll poll, boolean answerPending) {
    if (poll.answered()) {
      return;
    }
    if (poll.checking) {
      poll.checkAgain = true;
      return;
    }
    poll.checking = true;
    SessionStore.NewToken session = sessions.mint();
    scenes.poll(poll.scene(), nodeId, session, sessions.ttlSeconds()).onComplete(ar -> {
      poll.checking = false;
      if (ar.succeeded()) {
        answer(poll, ar.result(), session, answerPending);
      } else {
        failed(poll, ar.cause());
      }
    });
  }

  private void answer(ParkedPoll poll, SceneStore.PollResult result, SessionStore.NewToken session,
      boolean answerPending) {
    switch (result.status()) {
      case PENDING -> keepWaiting(poll, answerPending);
      // SCANNED is said once, at once; the next poll waits for the final state (and says SCANNED if none came)
      case SCANNED -> {
        if (result.seen()) {
          poll.scannedSeen = true;
          keepWaiting(poll, answerPending);
        } else {
          answer(poll.ctx(), 200, new JsonObject().put("status", SceneStatus.SCANNED.name()));
        }
      }
      case REFUSED -> answer(poll.ctx(), 200, new JsonObject().put("status", SceneStatus.REFUSED.name())
          .put("message", "The login was refused in WeChat; this QR code cannot be used again."));
      case CONFIRMED -> confirmed(poll, result, session);
      case CONSUMED -> answer(poll.ctx(), 410, new JsonObject().put("status", SceneStatus.CONSUMED.name())
          .put("message", "This QR code has already been used to log in."));
      default -> expired(poll.ctx());
    }
  }

  private void keepWaiting(ParkedPoll poll, boolean answerNow) {
    if (answerNow || poll.holdEnded) {
      stillWaiting(poll);
    } else if (poll.checkAgain) {
      poll.checkAgain = false;
      check(poll, false);
    }
  }

  /** The wait ended with nothing new: PENDING, or SCANNED for a scene this browser was told is scanned. */
  private void stillWaiting(ParkedPoll poll) {
    if (poll.scannedSeen) {
      answer(poll.ctx(), 200, new JsonObject().put("status", SceneStatus.SCANNED.name()));
    } else {
      pending(poll.ctx());
    }
  }

  private void confirmed(ParkedPoll poll, SceneStore.PollResult result, SessionStore.NewToken session) {
    boolean sent = answer(poll.ctx(), 200, new JsonObject()
        .put("status", SceneStatus.CONFIRMED.name())
        .put("session", new JsonObject().put("token", session.token()).put("expiresIn", sessions.ttlSeconds()))
        .put("user", new JsonObject().put("openid", result.openid()).put("newUser", result.newUser())));
    if (sent) {
      loggedIn(poll.scene(), result);
    }
  }

  /** The login is complete: the browser has its session. One line per login, and the on-call figures. */
  private void loggedIn(String scene, SceneStore.PollResult result) {
    metrics.onCall().login(result.newUser(), result.confirmedAt());
    long now = System.currentTimeMillis();
    LOG.log(System.Logger.Level.INFO, "login scene=" + SceneStore.redacted(scene) + " openid="
        + SceneStore.redacted(result.openid()) + " node=" + nodeId + " outcome="
        + (result.newUser() ? "new" : "returning") + " ms=" + since(result.confirmedAt(), now)
        + " total_ms=" + since(result.createdAt(), now));
  }

  private static String since(Long epochMs, long now) {
    return epochMs == null ? "-" : String.valueOf(Math.max(0, now - epochMs));
  }

  private void failed(ParkedPoll poll, Throwable t) {
    metrics.pollAnswered("error");
    if (t instanceof SceneStore.SessionNotStored) {
      LOG.log(System.Logger.Level.ERROR, "scene " + SceneStore.redacted(poll.scene()) + ": " + t.getMessage());
      JsonReply.error(poll.ctx(), 503, "unavailable", "The login could not be completed; scan a new QR code.");
    } else {
      LOG.log(System.Logger.Level.WARNING, "poll of scene " + SceneStore.redacted(poll.scene()) + " failed: " + t);
      JsonReply.error(poll.ctx(), 503, "unavailable", "The login service cannot reach its store; poll again.");
    }
  }

  private void pending(RoutingContext ctx) {
    answer(ctx, 200, new JsonObject().put("status", SceneStatus.PENDING.name()));
  }

  /** Every answer goes through here, so each is counted once, whichever of timer, wake or read sends it. */
  private boolean answer(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return false;
    }
    metrics.pollAnswered(body.getString("status", "error"));
    JsonReply.send(ctx, status, body);
    return true;
  }

  private void expired(RoutingContext ctx) {
    answer(ctx, 404, new JsonObject().put("status", SceneStatus.EXPIRED.name())
        .put("message", "This QR code is unknown or has expired; ask for a new one."));
  }
}
