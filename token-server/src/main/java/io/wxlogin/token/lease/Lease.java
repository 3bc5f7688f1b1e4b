package io.wxlogin.token.lease;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.LuaScript;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The refresher lease {@code token-lease:<appid>}: claimed with SET NX PX, renewed every third of the lease
 * by compare-and-pexpire, released by compare-and-delete. A standby polls often enough to take over as soon
 * as a dead holder's lease expires. Any Redis error while holding counts as losing it: a replica that cannot
 * prove it holds the lease must not act as if it did (the fenced write is the hard guarantee behind this).
 * Runs on the verticle's event loop only.
 */
public final class Lease {

  private static final System.Logger LOG = System.getLogger(Lease.class.getName());
  private static final LuaScript CLAIM = LuaScript.load(Lease.class, "lease-claim.lua");
  private static final LuaScript RELEASE = LuaScript.load(Lease.class, "lease-release.lua");
  private static final long STANDBY_POLL_MAX_MS = 1_000;

  /** What the owner does when the lease changes hands. */
  public interface Listener {
    /** Gained, or found again after Redis forgot it: reload state from Redis. */
    void leaseGained();

    void leaseLost();
  }

  private final Vertx vertx;
  private final Redis redis;
  private final String key;
  private final String serverId;
  private final long leaseMs;
  private Listener listener;
  private boolean held;
  private long heldUntilNanos;
  private long timer = -1;
  private int redisFailures;
  private boolean stopped;

  public Lease(Vertx vertx, Redis redis, String key, String serverId, long leaseMs) {
    this.vertx = vertx;
    this.redis = redis;
    this.key = key;
    this.serverId = serverId;
    this.leaseMs = leaseMs;
  }

  public void start(Listener listener) {
    this.listener = listener;
    tick();
  }

  /** True while the last renewal, counted from when it was sent, has not run out. */
  public boolean held() {
    return held && System.nanoTime() < heldUntilNanos;
  }

  public String serverId() {
    return serverId;
  }

  private void tick() {
    timer = -1;
    if (stopped) {
      return;
    }
    long sentAt = System.nanoTime();
    CLAIM.run(redis, List.of(key), List.of(serverId, Long.toString(leaseMs)))
        .onSuccess(r -> claimed(r, sentAt))
        .onFailure(this::redisFailed);
  }

  private void claimed(Response r, long sentAt) {
    if (stopped) {
      return;
    }
    redisFailures = 0;
    int state = r.get(0).toInteger();
    if (state == 0) {
      lose("lease held by another server");
      long left = r.get(1).toLong();
      long wait = left >= 0 ? left + 10 : leaseMs / 3;
      schedule(Math.min(standbyPollMs(), wait));
      return;
    }
    boolean wasHeld = held();
    held = true;
    heldUntilNanos = sentAt + TimeUnit.MILLISECONDS.toNanos(leaseMs);
    if (state == 2 || !wasHeld) {
      LOG.log(Level.INFO, "lease " + key + " acquired by " + serverId + (wasHeld ? " again (Redis had lost it)" : ""));
      listener.leaseGained();
    }
    schedule(leaseMs / 3);
  }

  private void redisFailed(Throwable e) {
    if (stopped) {
      return;
    }
    lose("Redis did not answer the lease renewal: " + e.getMessage());
    long backoff = Math.min(standbyPollMs(), 100L << Math.min(redisFailures++, 6));
    schedule(backoff);
  }

  private long standbyPollMs() {
    return Math.min(leaseMs / 3, STANDBY_POLL_MAX_MS);
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), id -> tick());
    }
  }

  /** Someone (the fenced write, a lease check) found out the lease is no longer ours. */
  public void lose(String reason) {
    if (held) {
      held = false;
      LOG.log(Level.WARNING, "lease " + key + " lost by " + serverId + ": " + reason);
      listener.leaseLost();
    }
  }

  /** Asks Redis whether the lease still names this server; refutes {@link #held()} when it does not. */
  public Future<Boolean> confirm() {
    return RedisAPI.api(redis).get(key).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(r -> {
          String holder = r == null ? null : r.toString();
          if (!serverId.equals(holder)) {
            lose(holder == null ? "the lease expired" : "the lease now names " + holder);
            return false;
          }
          return held();
        });
  }

  /** Stops renewing and, if we hold the lease, deletes it so a standby takes over at its next poll. */
  public Future<Void> release() {
    stopped = true;
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
    if (!held) {
      return Future.succeededFuture();
    }
    held = false;
    return RELEASE.run(redis, List.of(key), List.of(serverId))
        .onSuccess(r -> LOG.log(Level.INFO,
            "lease " + key + (r.toInteger() == 1 ? " released by " : " was no longer held by ") + serverId))
        .onFailure(e -> LOG.log(Level.WARNING,
            "could not release lease " + key + " (it expires by itself): " + e.getMessage()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }
}
