package io.wxlogin.token.refresh;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.wxlogin.token.TokenMetrics;
import io.wxlogin.token.lease.Lease;
import io.wxlogin.token.store.StoredToken;
import io.wxlogin.token.store.TokenStore;
import java.lang.System.Logger.Level;

/**
 * One refresh of the token, shared by every refresh request that arrives while it runs (single flight).
 * It retries until a token is stored, WeChat hands back the current one unchanged, or this replica stops
 * being the holder. Runs on the verticle's event loop only.
 */
final class RefreshFlight {

  private static final System.Logger LOG = System.getLogger(RefreshFlight.class.getName());

  /** Collaborators shared by every flight. */
  record Crew(Vertx vertx, Lease lease, TokenStore store, TokenSource source, ForceRefreshBudget budget,
      UpstreamFailures failures, TokenMetrics metrics) {
  }

  enum Outcome { WRITTEN, UNCHANGED, GAVE_UP, ABANDONED }

  /** How the flight ended and the token Redis holds afterwards, as far as this replica knows. */
  record Result(Outcome outcome, StoredToken token) {
  }

  private static final class NotHolder extends RuntimeException {
    NotHolder() {
      super("not the lease holder", null, false, false);
    }
  }

  private final Crew crew;
  private final StoredToken current;
  private final Promise<Result> done = Promise.promise();
  private boolean currentFailed;
  private StoredToken fetched;
  private int attempt;
  private long retryTimer = -1;
  private boolean stopped;

  RefreshFlight(Crew crew, StoredToken current, boolean currentFailed) {
    this.crew = crew;
    this.current = current;
    this.currentFailed = currentFailed;
  }

  /** A login node reports that WeChat refuses the current token: an unchanged answer is no longer enough. */
  void currentFailed() {
    currentFailed = true;
  }

  Future<Result> run() {
    step();
    return done.future();
  }

  void stop() {
    stopped = true;
    if (retryTimer != -1) {
      crew.vertx().cancelTimer(retryTimer);
    }
    done.tryComplete(new Result(Outcome.ABANDONED, current));
  }

  private void step() {
    retryTimer = -1;
    if (stopped) {
      return;
    }
    attempt().onComplete(ar -> {
      if (ar.succeeded()) {
        done.tryComplete(ar.result());
      } else if (stopped || ar.cause() instanceof NotHolder || !crew.lease().held()) {
        done.tryComplete(new Result(Outcome.ABANDONED, current));
      } else {
        retryTimer = crew.vertx().setTimer(Math.max(1, crew.failures().retryDelayMs(ar.cause(), attempt++)),
            id -> step());
      }
    });
  }

  private Future<Result> attempt() {
    if (fetched != null && fetched.expiresAt() > System.currentTimeMillis()) {
      return write(fetched);
    }
    // Ask Redis first: a replica whose lease has moved on must not spend a WeChat call (in classic mode that
    // call would also start retiring the token its successor stored).
    return crew.lease().confirm()
        .compose(holder -> holder ? call(false) : Future.failedFuture(new NotHolder()))
        .compose(token -> {
          if (!sameAsCurrent(token)) {
            return write(token);
          }
          if (currentFailed && crew.source().canForce()) {
            return force();
          }
          // Written again although unchanged: if someone deleted the key, this puts it back now rather than
          // at the token's next rotation. The script announces it only if Redis did not already hold it.
          return write(current).map(r -> r.outcome() == Outcome.WRITTEN ? new Result(Outcome.UNCHANGED, current) : r);
        });
  }

  /** stable_token handed back the token that failed: only force mode replaces it, within WeChat's rations. */
  private Future<Result> force() {
    long now = System.currentTimeMillis();
    return crew.budget().reserve(now).compose(answer -> {
      if (answer.notHolder()) {
        return Future.failedFuture(new NotHolder());
      }
      if (answer.usedUp()) {
        crew.metrics().forceDenied("daily_limit");
        crew.failures().forceBudgetUsedUp(ForceRefreshBudget.wechatDay(now));
        return Future.succeededFuture(new Result(Outcome.GAVE_UP, current));
      }
      if (!answer.granted()) {
        crew.metrics().forceDenied("spacing");
        return Future.failedFuture(new UpstreamFailures.RetryAfter(answer.waitMs(),
            "WeChat refuses the current token but allows force_refresh only every 30 s"));
      }
      return call(true).compose(token -> {
        if (sameAsCurrent(token)) {
          LOG.log(Level.WARNING, "stable_token force_refresh returned the same token; keeping it");
          return Future.succeededFuture(new Result(Outcome.GAVE_UP, current));
        }
        return write(token);
      });
    });
  }

  private Future<StoredToken> call(boolean force) {
    String label = crew.source().label(force);
    return crew.source().fetch(force)
        .onSuccess(token -> {
          crew.failures().succeeded();
          crew.metrics().refresh(label, sameAsCurrent(token) ? "unchanged" : "new");
        })
        .onFailure(e -> crew.metrics().refresh(label, "failed"));
  }

  private boolean sameAsCurrent(StoredToken token) {
    return current != null && current.accessToken().equals(token.accessToken());
  }

  private Future<Result> write(StoredToken token) {
    fetched = token;
    return crew.store().writeFenced(crew.lease().serverId(), token).map(w -> {
      fetched = null;
      if (!w.written()) {
        crew.metrics().writeRefused();
        LOG.log(Level.WARNING, "token write refused: " + crew.lease().serverId() + " no longer holds the lease ("
            + (w.holder().isEmpty() ? "nobody does" : "it names " + w.holder()) + "); the stored token stays as it is");
        crew.lease().lose("the fenced token write was refused");
        return new Result(Outcome.ABANDONED, current);
      }
      if (token != current) {
        LOG.log(Level.INFO, "stored token " + token.fingerprint() + " for " + crew.store().appId() + ", expires in "
            + (token.expiresAt() - System.currentTimeMillis()) / 1000 + " s");
      }
      return new Result(Outcome.WRITTEN, token);
    });
  }
}
