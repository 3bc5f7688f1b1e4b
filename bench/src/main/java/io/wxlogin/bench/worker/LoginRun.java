package io.wxlogin.bench.worker;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole logins, as a browser and WeChat do them: create a QR code on the poll node, poll it there, and
 * after the scan delay post the signed scan event to the other node. The notify latency is timed from the
 * moment the callback that logs the user in is sent (the scan; with {@code LOGIN_CONFIRM=reply} the text
 * {@code 1}) until the poll has CONFIRMED; with {@code LOGIN_CONFIRM=reply} the SCANNED wake-up is timed too,
 * from the scan until the poll has SCANNED. With the {@code oidc} flow a relying party's authorization request
 * comes first, and after CONFIRMED the page completes it and the application exchanges the code and reads
 * userinfo (on the other node, as any node may answer). Everything runs on the worker's one event loop.
 *
 * <p>Open loop: logins start on schedule whatever the cluster's state, so a slow cluster shows up as
 * latency and backlog, not as a politely lower offered rate. A login is lost when WeChat was told
 * "logged in" but its browser never got CONFIRMED; duplicated when a second poll got CONFIRMED too.
 */
final class LoginRun {

  /** The callback outcomes that mean the user is logged in (first-time or returning). */
  private static final java.util.Set<String> LOGGED_IN = java.util.Set.of("logged_in", "returning");
  /** The outcomes of a scan with LOGIN_CONFIRM=reply (asked to confirm) and of the text "1" (confirmed). */
  private static final String SCANNED = "scanned";
  private static final String CONFIRMED = "confirmed";
  private static final int MAX_CREATING = 64;
  private static final long SCAN_JITTER_MS = 1_000;

  private static final class Login {
    final long seq;
    final io.vertx.core.MultiMap browser;
    String scene;
    String ticket;
    String authreq;
    long callbackSentNs;
    long scanSentNs;
    boolean scannedSeen;
    long confirmedNs;
    boolean callbackOk;
    int confirmations;
    boolean done;

    Login(long seq, io.vertx.core.MultiMap browser) {
      this.seq = seq;
      this.browser = browser;
    }
  }

  private final Vertx vertx;
  private final NodeClients clients;
  private final CallbackSigner signer;
  private final RunSpec spec;
  private final String openidPrefix;
  private final ClientAddresses addresses;
  private final RelyingParty relyingParty;
  private final RunTally tally = new RunTally();
  private final List<Login> logins = new ArrayList<>();
  private int inFlight;
  private int callbacksPending;
  private int creating;
  private long startNs;

  LoginRun(Vertx vertx, NodeClients clients, CallbackSigner signer, RunSpec spec, String openidPrefix,
      ClientAddresses addresses, RelyingParty relyingParty) {
    this.vertx = vertx;
    this.clients = clients;
    this.signer = signer;
    this.spec = spec;
    this.openidPrefix = openidPrefix;
    this.addresses = addresses;
    this.relyingParty = relyingParty;
  }

  /** Starts {@code rate} logins a second for the run's duration, then waits for them to finish. */
  Future<JsonObject> openLoop() {
    Promise<JsonObject> result = Promise.promise();
    startNs = System.nanoTime();
    long durationNs = spec.durationMs() * 1_000_000;
    vertx.setPeriodic(1, id -> {
      long elapsed = System.nanoTime() - startNs;
      if (elapsed >= durationNs) {
        vertx.cancelTimer(id);
        drain(result);
        return;
      }
      long due = (long) (elapsed / 1e9 * spec.rate()) + 1;
      while (tally.offered < due) {
        tally.offered++;
        if (inFlight >= spec.maxInFlight()) {
          tally.skippedOverload++;
        } else {
          launch(true);
        }
      }
    });
    return result.future();
  }

  /** Batch, step one: creates {@code count} logins and sends their first polls; resolves once all are out. */
  Future<Void> prepare() {
    Promise<Void> parked = Promise.promise();
    startNs = System.nanoTime();
    tally.offered = spec.count();
    long check = vertx.setPeriodic(20, id -> {
      while (creating < MAX_CREATING && tally.started < spec.count()) {
        creating++;
        launch(false);
      }
      if (tally.started >= spec.count() && creating == 0) {
        vertx.cancelTimer(id);
        parked.tryComplete();
      }
    });
    return parked.future().onComplete(v -> vertx.cancelTimer(check));
  }

  /** Batch, step two: scans every parked login at {@code scanRate} a second, then waits for them to finish. */
  Future<JsonObject> go() {
    Promise<JsonObject> result = Promise.promise();
    List<Login> toScan = logins.stream().filter(l -> l.scene != null && !l.done).toList();
    long goNs = System.nanoTime();
    int[] next = {0};
    vertx.setPeriodic(1, id -> {
      long due = Math.min(toScan.size(), (long) ((System.nanoTime() - goNs) / 1e9 * spec.scanRate()) + 1);
      while (next[0] < due) {
        scan(toScan.get(next[0]++));
      }
      if (next[0] >= toScan.size()) {
        vertx.cancelTimer(id);
        drain(result);
      }
    });
    return result.future();
  }

  private void launch(boolean scheduleScan) {
    Login login = new Login(logins.size(), NodeClients.browser(addresses.next(), logins.size()));
    logins.add(login);
    inFlight++;
    tally.started++;
    long t0 = System.nanoTime();
    Future<String> authreq = spec.oidc()
        ? clients.authorize(spec.pollNode(), relyingParty.authorizeQuery(openidPrefix + login.seq), login.browser)
        : Future.succeededFuture(null);
    authreq.compose(id -> {
      login.authreq = id;
      return clients.createQr(spec.pollNode(), login.browser, id);
    }).onComplete(ar -> {
      if (!scheduleScan) {
        creating--;
      }
      if (ar.failed()) {
        tally.error(ar.cause());
        finish(login);
        return;
      }
      tally.qrCreate.recordNanos(System.nanoTime() - t0);
      tally.qrCreated++;
      login.scene = ar.result().scene();
      login.ticket = ar.result().ticket();
      poll(login);
      if (scheduleScan) {
        // a user scans at no particular moment: the jitter keeps an interval poller's 1 s cycle out of phase
        // with the scan, as it would be in life, instead of always polling just after it
        long jitter = ThreadLocalRandom.current().nextLong(SCAN_JITTER_MS);
        vertx.setTimer(spec.scanDelayMs() + jitter, id -> scan(login));
      }
    });
  }

  private void poll(Login login) {
    if (login.done) {
      return;
    }
    tally.polls++;
    clients.poll(spec.pollNode(), login.scene, spec.pollWait(), login.browser).onComplete(ar -> answered(login, ar));
  }

  private void answered(Login login, AsyncResult<NodeClients.PollAnswer> ar) {
    if (login.done) {
      return;
    }
    if (ar.failed()) {
      tally.error("poll:" + ar.cause().getClass().getSimpleName());
      vertx.setTimer(1_000, id -> poll(login));
      return;
    }
    NodeClients.PollAnswer answer = ar.result();
    if (answer.httpStatus() == 200 && "CONFIRMED".equals(answer.status())) {
      confirmed(login, answer.sessionToken());
    } else if (answer.httpStatus() == 200 && "SCANNED".equals(answer.status()) && !spec.interval()) {
      // LOGIN_CONFIRM=reply: said once, the next poll waits for the user's answer
      if (!login.scannedSeen && login.scanSentNs != 0) {
        login.scannedSeen = true;
        tally.scanned.recordNanos(System.nanoTime() - login.scanSentNs);
      }
      poll(login);
    } else if (answer.httpStatus() == 200 && ("PENDING".equals(answer.status()) || "SCANNED".equals(answer.status()))) {
      if (spec.interval()) {
        vertx.setTimer(1_000, id -> poll(login));
      } else {
        poll(login);
      }
    } else if (answer.httpStatus() == 404 || answer.httpStatus() == 410) {
      tally.error("poll:" + answer.httpStatus() + "-before-confirmed");
      finish(login);
    } else {
      tally.error("poll:" + answer.httpStatus());
      vertx.setTimer(500, id -> poll(login));
    }
  }

  private void confirmed(Login login, String sessionToken) {
    long now = System.nanoTime();
    login.confirmedNs = now;
    login.confirmations++;
    if (login.confirmations > 1) {
      tally.duplicates++;
      return;
    }
    tally.confirmed++;
    tally.confirmedAt((int) ((now - startNs) / 1_000_000_000L));
    if (login.callbackSentNs == 0) {
      tally.confirmedBeforeCallback++;
    } else {
      tally.notify.recordNanos(now - login.callbackSentNs);
    }
    if (spec.oidc()) {
      completeOidc(login, sessionToken);
    } else if (spec.verifyConsumed()) {
      verifyConsumed(login);
    } else {
      finish(login);
    }
  }

  /** The page hands the session over for a code; the application redeems it and reads userinfo on the other node. */
  private void completeOidc(Login login, String sessionToken) {
    if (sessionToken == null) {
      tally.error("oidc:no-session-token");
      finish(login);
      return;
    }
    clients.complete(spec.pollNode(), login.authreq, sessionToken, login.browser)
        .compose(code -> clients.token(spec.callbackNode(), relyingParty.tokenForm(code), relyingParty.basicAuth()))
        .compose(access -> clients.userinfo(spec.callbackNode(), access))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            tally.oidcCompleted++;
            tally.afterConfirm.recordNanos(System.nanoTime() - login.confirmedNs);
          } else {
            tally.error(ar.cause());
          }
          finish(login);
        });
  }

  /** A browser polling again, on the other node: exactly-once means 410 CONSUMED, never a second session. */
  private void verifyConsumed(Login login) {
    clients.poll(spec.callbackNode(), login.scene, 0, login.browser).onComplete(ar -> {
      tally.consumedChecks++;
      if (ar.succeeded() && "CONFIRMED".equals(ar.result().status())) {
        login.confirmations++;
        tally.duplicates++;
      } else if (ar.failed() || ar.result().httpStatus() != 410) {
        tally.error("verify:" + (ar.failed() ? ar.cause().getClass().getSimpleName() : ar.result().httpStatus()));
      }
      finish(login);
    });
  }

  private void scan(Login login) {
    if (login.done || login.scene == null) {
      return;
    }
    long createTime = System.currentTimeMillis() / 1000;
    String xml = signer.scanEvent(openid(login), login.scene, login.ticket, login.seq % 2 == 0, createTime);
    if (spec.reply()) {
      login.scanSentNs = System.nanoTime();
    } else {
      login.callbackSentNs = System.nanoTime();
    }
    push(login, xml, createTime, outcome -> {
      if (LOGGED_IN.contains(outcome) && !spec.reply()) {
        login.callbackOk = true;
        tally.callbacksOk++;
      } else if (SCANNED.equals(outcome) && spec.reply()) {
        vertx.setTimer(spec.replyDelayMs(), id -> confirmByReply(login));
      } else {
        // a scan that logged in at once in the reply flow: the node is not in LOGIN_CONFIRM=reply mode
        login.callbackOk = LOGGED_IN.contains(outcome);
        tally.error((spec.reply() ? "reply-scan:" : "callback:") + (outcome.isEmpty() ? "no-outcome" : outcome));
      }
    });
  }

  /** LOGIN_CONFIRM=reply: the user's text "1" to the account; the notify clock starts here. */
  private void confirmByReply(Login login) {
    if (login.done) {
      return;
    }
    long createTime = System.currentTimeMillis() / 1000;
    long msgId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    tally.replies++;
    login.callbackSentNs = System.nanoTime();
    push(login, signer.textMessage(openid(login), "1", msgId, createTime), createTime, outcome -> {
      if (CONFIRMED.equals(outcome)) {
        login.callbackOk = true;
        tally.callbacksOk++;
      } else {
        tally.error("reply:" + (outcome.isEmpty() ? "no-outcome" : outcome));
      }
    });
  }

  /** Posts one signed push to the callback node and hands its outcome on. */
  private void push(Login login, String xml, long createTime, java.util.function.Consumer<String> outcome) {
    long sent = System.nanoTime();
    tally.callbacksSent++;
    callbacksPending++;
    clients.callback(spec.callbackNode(), signer.query(createTime), xml).onComplete(ar -> {
      callbacksPending--;
      if (ar.failed()) {
        tally.error(ar.cause());
        return;
      }
      tally.callbackReply.recordNanos(System.nanoTime() - sent);
      outcome.accept(ar.result());
    });
  }

  private String openid(Login login) {
    return openidPrefix + login.seq;
  }

  private void finish(Login login) {
    if (!login.done) {
      login.done = true;
      inFlight--;
    }
  }

  private void drain(Promise<JsonObject> result) {
    long deadline = System.nanoTime() + spec.drainMs() * 1_000_000;
    vertx.setPeriodic(50, id -> {
      if ((inFlight == 0 && callbacksPending == 0) || System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        for (Login login : logins) {
          if (!login.done) {
            tally.unfinished++;
            login.done = true;
          }
          if (login.callbackOk && login.confirmations == 0) {
            tally.lost++;
          }
        }
        result.complete(tally.toJson());
      }
    });
  }
}
