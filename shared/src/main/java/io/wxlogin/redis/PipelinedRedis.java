package io.wxlogin.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Commands pipelined over one long-lived connection instead of a pool lease per command. Leasing a pooled
 * connection and giving it back cost a login node about a tenth of its CPU in the profile (docs/benchmarks.md),
 * and Redis is single-threaded, so one connection carries every command as fast as sixteen. While that
 * connection is not up (at start, after Redis closed it, after a Sentinel failover, which closes the demoted
 * master's clients) commands go through the pool exactly as before, and the connection is made again in the
 * background at most once a second. A connection that stops answering (its oldest command older than the
 * command timeout plus a second) is dropped the same way; a command's own deadline is its caller's, as with
 * the pool. Replies keep their order on the connection, and a flow sends its next command only after the
 * previous one answered, so switching between the connection and the pool reorders nothing.
 *
 * <p>Standalone and Sentinel Redis only: in cluster mode the pool's client follows slot moves and failovers,
 * which a connection held for hours would not see ({@link RedisConfig#commandClient}).
 */
public final class PipelinedRedis implements Redis {

  private static final long RECONNECT_MS = 1_000;
  private static final long STALL_MS = RedisConfig.COMMAND_TIMEOUT_MS + 1_000;

  private final Redis pool;
  private RedisConnection conn;
  private boolean connecting;
  private boolean closed;
  private long lastAttemptMs;
  private int pending;
  /** When the connection last made progress: an answer, or a first command sent while none was waiting. */
  private long lastAnswerMs;

  public PipelinedRedis(Redis pool) {
    this.pool = pool;
  }

  @Override
  public synchronized Future<Response> send(Request request) {
    RedisConnection c = usable();
    if (c == null) {
      return pool.send(request);
    }
    if (pending++ == 0) {
      lastAnswerMs = System.currentTimeMillis();
    }
    return c.send(request).andThen(ar -> answered(c, ar.failed() && broken(ar.cause())));
  }

  /** The connection if it is up and answering; otherwise null, and a new one is on its way. */
  private RedisConnection usable() {
    long now = System.currentTimeMillis();
    if (conn != null && (conn.pendingQueueFull() || pending > 0 && now - lastAnswerMs > STALL_MS)) {
      drop(conn);
    }
    if (conn == null && !connecting && !closed && now - lastAttemptMs >= RECONNECT_MS) {
      connect(now);
    }
    return conn;
  }

  private void connect(long now) {
    connecting = true;
    lastAttemptMs = now;
    pool.connect().onComplete(ar -> {
      synchronized (this) {
        connecting = false;
        if (ar.failed()) {
          return;
        }
        RedisConnection c = ar.result();
        if (closed) {
          c.close();
          return;
        }
        c.exceptionHandler(t -> dropLater(c)).endHandler(v -> dropLater(c));
        conn = c;
        pending = 0;
        lastAnswerMs = System.currentTimeMillis();
      }
    });
  }

  private synchronized void answered(RedisConnection c, boolean broken) {
    if (c != conn) {
      return;
    }
    pending = Math.max(0, pending - 1);
    lastAnswerMs = System.currentTimeMillis();
    if (broken) {
      drop(c);
    }
  }

  private synchronized void dropLater(RedisConnection c) {
    if (c == conn) {
      drop(c);
    }
  }

  private void drop(RedisConnection c) {
    conn = null;
    pending = 0;
    c.close();
  }

  /**
   * A failure that says the connection cannot serve commands: it closed, or the server behind it is no longer
   * a writable master ({@code READONLY}, {@code LOADING}, {@code MASTERDOWN}). A script's own error is not one.
   */
  static boolean broken(Throwable t) {
    String m = String.valueOf(t.getMessage());
    return !(t instanceof io.vertx.redis.client.impl.types.ErrorType)
        || m.startsWith("READONLY") || m.startsWith("LOADING") || m.startsWith("MASTERDOWN");
  }

  @Override
  public Future<RedisConnection> connect() {
    return pool.connect();
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return pool.batch(requests);
  }

  @Override
  public Future<Void> close() {
    RedisConnection c;
    synchronized (this) {
      closed = true;
      c = conn;
      conn = null;
    }
    return (c == null ? Future.<Void>succeededFuture() : c.close().otherwiseEmpty()).eventually(pool::close);
  }
}
