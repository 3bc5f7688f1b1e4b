package io.wxlogin.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One dedicated pub/sub connection that survives Redis restarts and dropped links.
 *
 * <p>Redis forgets a subscription with its connection and drops whatever was published meanwhile, and
 * the Vert.x client reconnects nothing by itself (vertx-notes §1.3). So on any end or error this
 * reconnects with backoff, subscribes again, and then calls {@code onResubscribed} so the owner can
 * re-read from Redis whatever state a lost message would have announced. Nothing that expects a reply is
 * ever sent on this connection: a pending reply while pushes arrive is misrouted by the client
 * (vertx-notes §1.2). A half-open link is found by {@code readIdleSeconds} on the client, fed by a
 * heartbeat the owner publishes to one of the channels through its ordinary pool.
 */
public final class Subscriber {

  private static final System.Logger LOG = System.getLogger("wxlogin.pubsub");

  private final Vertx vertx;
  private final Redis redis;
  private final List<String> channels;
  private final BiConsumer<String, String> onMessage;
  private final Handler<Void> onResubscribed;
  private RedisConnection connection;
  private boolean closing;
  private boolean everConnected;
  private int attempt;
  private volatile boolean connected;

  /**
   * @param redis a client used only for this subscription (its read-idle timeout is the dead-link detector)
   * @param onMessage called with (channel, payload) on the owner's context; exceptions are caught
   * @param onResubscribed called after every reconnect (not the first connect)
   */
  public Subscriber(Vertx vertx, Redis redis, List<String> channels, BiConsumer<String, String> onMessage,
      Handler<Void> onResubscribed) {
    this.vertx = vertx;
    this.redis = redis;
    this.channels = List.copyOf(channels);
    this.onMessage = onMessage;
    this.onResubscribed = onResubscribed;
  }

  /** Connects and subscribes; the future fails if the first attempt fails (reconnects go on regardless). */
  public Future<Void> start() {
    return connect().onFailure(t -> lost(null));
  }

  public boolean connected() {
    return connected;
  }

  private Future<Void> connect() {
    return redis.connect()
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(c -> {
          if (closing) {
            c.close();
            return Future.failedFuture("closing");
          }
          c.handler(this::dispatch);
          c.exceptionHandler(t -> lost(c));
          c.endHandler(v -> lost(c));
          connection = c;
          Request subscribe = Request.cmd(Command.SUBSCRIBE);
          channels.forEach(subscribe::arg);
          // completes when written; the confirmation arrives as a push (vertx-notes §1.2)
          return c.send(subscribe).<Void>mapEmpty();
        })
        .onSuccess(v -> {
          connected = true;
          attempt = 0;
          if (everConnected) {
            LOG.log(System.Logger.Level.INFO, "pub/sub connection restored; re-checking state");
            safely(() -> onResubscribed.handle(null));
          }
          everConnected = true;
        });
  }

  private void dispatch(Response r) {
    try {
      if (r == null || (r.type() != ResponseType.PUSH && r.type() != ResponseType.MULTI) || r.size() < 3) {
        return;
      }
      if ("message".equals(r.get(0).toString())) {
        onMessage.accept(r.get(1).toString(), r.get(2).toString());
      }
    } catch (RuntimeException e) {
      // a throwing handler would corrupt the client's parser and silently end the subscription
      LOG.log(System.Logger.Level.WARNING, "pub/sub message handler failed: " + e);
    }
  }

  private void lost(RedisConnection which) {
    if (closing || (which != null && which != connection)) {
      return;
    }
    if (connected) {
      LOG.log(System.Logger.Level.WARNING, "pub/sub connection lost; reconnecting");
    }
    connected = false;
    if (connection != null) {
      RedisConnection old = connection;
      connection = null;
      old.close();
    }
    long delay = Math.min(2_000, 25L << Math.min(attempt++, 7));
    vertx.setTimer(delay, id -> {
      if (!closing) {
        connect().onFailure(t -> lost(null));
      }
    });
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "resubscribe handler failed: " + e);
    }
  }

  public Future<Void> close() {
    closing = true;
    connected = false;
    RedisConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close();
  }
}
