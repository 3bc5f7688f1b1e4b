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
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One dedicated pub/sub connection that survives Redis restarts and dropped links.
 *
 * <p>Redis forgets a subscription with its connection and drops whatever was published meanwhile, and the
 * Vert.x client reconnects nothing by itself (docs/redis.md §4). So on any end or error this reconnects
 * with backoff, subscribes again, and once Redis confirms calls {@code onResubscribed}, so the owner can
 * re-read from Redis whatever a lost message would have announced.
 *
 * <p>Nothing that expects a reply is ever sent on the subscribed connection: a pending reply while pushes
 * arrive is misrouted by the client (docs/redis.md §4). Liveness instead comes from a heartbeat the owner
 * publishes through its ordinary pool to one of the channels every {@link #HEARTBEAT_SECONDS}; the
 * subscriber client's read-idle timeout ({@link #READ_IDLE_SECONDS}) closes a half-open link that stops
 * delivering it.
 */
public final class Subscriber {

  public static final int HEARTBEAT_SECONDS = 5;
  /** Give the subscriber's client this read-idle timeout: three heartbeats missed means the link is dead. */
  public static final int READ_IDLE_SECONDS = 3 * HEARTBEAT_SECONDS;
  private static final long FIRST_RETRY_MS = 25;
  private static final long BACKOFF_CAP_MS = 5_000;
  private static final System.Logger LOG = System.getLogger("wxlogin.pubsub");

  private final Vertx vertx;
  private final Redis subscriberClient;
  private final List<String> channels;
  private final BiConsumer<String, String> onMessage;
  private Handler<Void> onResubscribed = v -> { };
  private String heartbeatPayload;
  private long heartbeatTimer = -1;
  private RedisConnection connection;
  private int confirmed;
  private boolean subscribed;
  private boolean everSubscribed;
  private boolean closing;
  private boolean reconnectPending;
  private int failures;

  /**
   * @param subscriberClient a client used only for this subscription, built with {@link #READ_IDLE_SECONDS}
   * @param onMessage called with (channel, payload) on the owner's context; exceptions are caught and logged
   */
  public Subscriber(Vertx vertx, Redis subscriberClient, List<String> channels, BiConsumer<String, String> onMessage) {
    this.vertx = vertx;
    this.subscriberClient = subscriberClient;
    this.channels = List.copyOf(channels);
    this.onMessage = onMessage;
  }

  /** Called after every reconnect, once Redis has confirmed the subscriptions again (not after the first). */
  public Subscriber onResubscribed(Handler<Void> handler) {
    this.onResubscribed = handler;
    return this;
  }

  /** Publishes {@code payload} to {@code channel} through {@code publisher} every heartbeat; never dispatched. */
  public Subscriber heartbeat(Redis publisher, String channel, String payload) {
    this.heartbeatPayload = payload;
    heartbeatTimer = vertx.setPeriodic(HEARTBEAT_SECONDS * 1000L, id -> publisher
        .send(Request.cmd(Command.PUBLISH).arg(channel).arg(payload))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    return this;
  }

  /** Connects and subscribes; fails if the first attempt fails, while reconnecting goes on in the background. */
  public Future<Void> start() {
    return connect();
  }

  /** True once Redis confirmed every subscription on the current connection. */
  public boolean subscribed() {
    return subscribed;
  }

  private Future<Void> connect() {
    if (closing) {
      return Future.failedFuture("closing");
    }
    return subscriberClient.connect().timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(this::subscribe)
        .onFailure(e -> {
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
    Request subscribe = Request.cmd(Command.SUBSCRIBE);
    channels.forEach(subscribe::arg);
    // completes once written; Redis's confirmations arrive as pushes, see dispatch()
    return c.send(subscribe).mapEmpty();
  }

  private void dispatch(Response push) {
    try {
      if (push == null || (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI)
          || push.size() < 3) {
        return;
      }
      String kind = push.get(0).toString();
      if ("message".equals(kind)) {
        String payload = push.get(2).toString();
        if (!payload.equals(heartbeatPayload)) {
          onMessage.accept(push.get(1).toString(), payload);
        }
      } else if ("subscribe".equals(kind) && ++confirmed == channels.size()) {
        subscribed = true;
        failures = 0;
        if (everSubscribed) {
          LOG.log(Level.INFO, "subscribed to " + channels + " again; re-checking state");
          onResubscribed.handle(null);
        }
        everSubscribed = true;
      }
    } catch (RuntimeException e) {
      // a handler that throws would corrupt the client's parser and silently end the subscription
      LOG.log(Level.WARNING, "ignored a pub/sub message that could not be handled: " + e);
    }
  }

  private void lost(RedisConnection which, String why) {
    if (closing || which != connection) {
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

  public Future<Void> close() {
    closing = true;
    subscribed = false;
    vertx.cancelTimer(heartbeatTimer);
    RedisConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close().recover(e -> Future.succeededFuture());
  }
}
