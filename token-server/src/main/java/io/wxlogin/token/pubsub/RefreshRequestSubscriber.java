package io.wxlogin.token.pubsub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.wxlogin.redis.RedisConfig;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Listens on {@code token-refresh} over a dedicated connection and survives Redis restarts: nothing in the
 * Redis client reconnects or resubscribes by itself (vertx-notes §1.3), so a lost connection is replaced
 * with backoff and the channel subscribed again. Nothing with a reply is ever sent on the subscribed
 * connection (the client's RESP3 push routing drops replies, §1.2), so liveness comes from a heartbeat this
 * replica PUBLISHes through the pooled client, and the subscriber client's read-idle timeout closes a
 * half-open link that stops delivering it. Messages published while disconnected are lost; login nodes
 * ask again on their next token error.
 */
public final class RefreshRequestSubscriber {

  private static final System.Logger LOG = System.getLogger(RefreshRequestSubscriber.class.getName());
  /** The subscriber client's read-idle timeout must be a few of these. */
  public static final int HEARTBEAT_SECONDS = 10;
  private static final long BACKOFF_CAP_MS = 10_000;

  private final Vertx vertx;
  private final Redis subscriberClient;
  private final Redis publisherClient;
  private final String channel;
  private final String heartbeat;
  private final Consumer<String> onMessage;
  private RedisConnection connection;
  private boolean subscribed;
  private boolean closing;
  private int failures;
  private boolean reconnectPending;
  private long heartbeatTimer = -1;

  public RefreshRequestSubscriber(Vertx vertx, Redis subscriberClient, Redis publisherClient, String channel,
      String serverId, Consumer<String> onMessage) {
    this.vertx = vertx;
    this.subscriberClient = subscriberClient;
    this.publisherClient = publisherClient;
    this.channel = channel;
    this.heartbeat = new JsonObject().put("heartbeat", serverId).encode();
    this.onMessage = onMessage;
  }

  public void start() {
    connect();
    heartbeatTimer = vertx.setPeriodic(HEARTBEAT_SECONDS * 1000L, id -> RedisAPI.api(publisherClient)
        .publish(channel, heartbeat).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS));
  }

  /** True once Redis confirmed the subscription on the current connection. */
  public boolean subscribed() {
    return subscribed;
  }

  private void connect() {
    if (closing) {
      return;
    }
    subscriberClient.connect().timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(this::subscribe)
        .onFailure(e -> {
          dropConnection();
          retryLater("cannot subscribe to " + channel + ": " + e.getMessage());
        });
  }

  private Future<Void> subscribe(RedisConnection c) {
    if (closing) {
      c.close();
      return Future.succeededFuture();
    }
    connection = c;
    c.handler(this::dispatch);
    c.exceptionHandler(t -> lost(c, t.getMessage()));
    c.endHandler(v -> lost(c, "connection closed"));
    // Completes once written; Redis's confirmation arrives as a push, see dispatch().
    return c.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).mapEmpty();
  }

  private void dispatch(Response push) {
    try {
      if (push == null || (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI)
          || push.size() < 3) {
        return;
      }
      String kind = push.get(0).toString();
      if ("subscribe".equals(kind)) {
        if (!subscribed) {
          LOG.log(Level.INFO, "subscribed to " + channel + (failures > 0 ? " again after a reconnect" : ""));
        }
        subscribed = true;
        failures = 0;
      } else if ("message".equals(kind)) {
        String payload = push.get(2).toString();
        if (!heartbeat(payload)) {
          onMessage.accept(payload);
        }
      }
    } catch (RuntimeException e) {
      // A handler that throws would corrupt the client's parser and silently end the subscription.
      LOG.log(Level.WARNING, "ignored a token-refresh message that could not be handled: " + e);
    }
  }

  private static boolean heartbeat(String payload) {
    return payload.startsWith("{\"heartbeat\":");
  }

  private void lost(RedisConnection which, String why) {
    if (closing || which != connection) {
      return;
    }
    dropConnection();
    retryLater("subscription to " + channel + " lost (" + why + ")");
  }

  /** Closes the current connection: a subscribed one cannot go back to the pool, and holds its only slot. */
  private void dropConnection() {
    RedisConnection c = connection;
    connection = null;
    subscribed = false;
    if (c != null) {
      c.close();
    }
  }

  /** One reconnect at a time, however many of endHandler, exceptionHandler and a failed SUBSCRIBE report it. */
  private void retryLater(String why) {
    if (closing || reconnectPending) {
      return;
    }
    reconnectPending = true;
    long delay = Math.min(BACKOFF_CAP_MS, 100L << Math.min(failures++, 10));
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
