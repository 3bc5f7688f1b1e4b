package io.wxlogin.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One subscribed connection and its reconnect loop: classic {@code SUBSCRIBE} of all channels, or, in
 * Redis Cluster, {@code SSUBSCRIBE} of channels that share one slot on a connection to the slot's master.
 *
 * <p>Nothing is automatic in the Vert.x client (docs/redis.md §4): a dropped connection only
 * fires {@code endHandler}; a slot that moves (reshard, failover) sends an unsolicited {@code sunsubscribe};
 * a subscribe sent to a node that no longer owns the slot is answered {@code -MOVED slot host:port}, as a
 * push, because subscribe commands complete when written. Each of these ends the connection here and a new
 * one is made, with backoff; {@code onResubscribed} then lets the owner re-read what was missed.
 */
final class PubSubLink {

  private static final long FIRST_RETRY_MS = 25;
  private static final long BACKOFF_CAP_MS = 5_000;
  private static final System.Logger LOG = System.getLogger("wxlogin.pubsub");

  private final Vertx vertx;
  private final List<String> channels;
  private final boolean sharded;
  private final Supplier<Future<RedisConnection>> connector;
  private final BiConsumer<String, String> onMessage;
  private final Runnable onResubscribed;
  private final Consumer<String> onMoved;
  private RedisConnection connection;
  private int confirmed;
  private volatile boolean subscribed;
  private boolean everSubscribed;
  private boolean closing;
  private boolean reconnectPending;
  private int failures;

  /**
   * @param connector a fresh connection for every attempt (for a shard: to the master that owns the slot now)
   * @param onMoved   told the {@code host:port} of a {@code -MOVED} answer, so the next attempt goes there
   */
  PubSubLink(Vertx vertx, List<String> channels, boolean sharded, Supplier<Future<RedisConnection>> connector,
      BiConsumer<String, String> onMessage, Runnable onResubscribed, Consumer<String> onMoved) {
    this.vertx = vertx;
    this.channels = List.copyOf(channels);
    this.sharded = sharded;
    this.connector = connector;
    this.onMessage = onMessage;
    this.onResubscribed = onResubscribed;
    this.onMoved = onMoved;
  }

  List<String> channels() {
    return channels;
  }

  boolean subscribed() {
    return subscribed;
  }

  Future<Void> connect() {
    if (closing) {
      return Future.failedFuture("closing");
    }
    Future<RedisConnection> connecting = connector.get();
    return connecting.timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(this::subscribe)
        .onFailure(e -> {
          // a connection that arrives after its deadline would hold the pool's only slot for ever
          connecting.onSuccess(late -> {
            if (late != connection) {
              late.close();
            }
          });
          dropConnection();
          retryLater("cannot subscribe to " + channels + ": " + e.getMessage());
        });
  }

  private Future<Void> subscribe(RedisConnection c) {
    if (closing) {
      c.close();
      return Future.failedFuture("closing");
    }
    connection = c;
    confirmed = 0;
    c.handler(this::dispatch);
    c.exceptionHandler(t -> lost(c, t.getMessage()));
    c.endHandler(v -> lost(c, "connection closed"));
    Request subscribe = Request.cmd(sharded ? Command.SSUBSCRIBE : Command.SUBSCRIBE);
    channels.forEach(subscribe::arg);
    // completes once written; Redis's confirmations (or a -MOVED) arrive as pushes, see dispatch()
    return c.send(subscribe).mapEmpty();
  }

  private void dispatch(Response push) {
    try {
      if (push != null && push.type() == ResponseType.ERROR) {
        refused(push.toString());
        return;
      }
      if (push == null || (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI)
          || push.size() < 3) {
        return;
      }
      String kind = push.get(0).toString();
      if ("message".equals(kind) || "smessage".equals(kind)) {
        onMessage.accept(push.get(1).toString(), push.get(2).toString());
      } else if ("subscribe".equals(kind) || "ssubscribe".equals(kind)) {
        confirmedOne();
      } else if ("sunsubscribe".equals(kind) || "unsubscribe".equals(kind)) {
        // never asked for: the slot moved to another shard (reshard, failover), or the node became a replica
        lost(connection, "Redis ended the subscription to " + push.get(1) + " (slot moved)");
      }
    } catch (RuntimeException e) {
      // a handler that throws would corrupt the client's parser and silently end the subscription
      LOG.log(Level.WARNING, "ignored a pub/sub message that could not be handled: " + e);
    }
  }

  private void confirmedOne() {
    if (++confirmed != channels.size()) {
      return;
    }
    subscribed = true;
    failures = 0;
    if (everSubscribed) {
      LOG.log(Level.INFO, "subscribed to " + channels + " again; re-checking state");
      onResubscribed.run();
    }
    everSubscribed = true;
  }

  /** An error answer to the subscribe: {@code MOVED <slot> <host:port>} names where the slot lives now. */
  private void refused(String error) {
    String[] parts = error.split(" ");
    if (parts.length == 3 && "MOVED".equals(parts[0])) {
      onMoved.accept(parts[2]);
    }
    lost(connection, "subscribe refused: " + error);
  }

  private void lost(RedisConnection which, String why) {
    if (closing || which == null || which != connection) {
      return;
    }
    dropConnection();
    retryLater("subscription to " + channels + " lost (" + why + ")");
  }

  /** Closes the current connection: a subscribed one cannot go back to the pool, and holds a slot. */
  private void dropConnection() {
    RedisConnection c = connection;
    connection = null;
    subscribed = false;
    if (c != null) {
      c.close();
    }
  }

  /** One reconnect at a time, however many of endHandler, exceptionHandler and a failed connect report it. */
  private void retryLater(String why) {
    if (closing || reconnectPending) {
      return;
    }
    reconnectPending = true;
    long delay = Math.min(BACKOFF_CAP_MS, FIRST_RETRY_MS << Math.min(failures++, 10));
    LOG.log(failures == 1 ? Level.WARNING : Level.DEBUG, why + "; reconnecting in " + delay + " ms");
    vertx.setTimer(delay, id -> {
      reconnectPending = false;
      connect();
    });
  }

  Future<Void> close() {
    closing = true;
    subscribed = false;
    RedisConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close().recover(e -> Future.succeededFuture());
  }
}
