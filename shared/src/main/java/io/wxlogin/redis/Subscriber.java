package io.wxlogin.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pub/sub subscriptions of one process, kept alive across Redis restarts, failovers, slot moves and
 * dropped links.
 *
 * <p>On a standalone or sentinel Redis every channel is one classic {@code SUBSCRIBE} on one connection. In
 * Redis Cluster each channel is {@code SSUBSCRIBE}d on the master that owns its slot and published with
 * {@code SPUBLISH} ({@link #publish}), so a message crosses only that shard instead of the whole cluster
 * bus (docs/redis.md §3). Redis forgets a subscription with its connection and drops whatever was
 * published meanwhile, and the Vert.x client reconnects nothing by itself: each link reconnects with backoff,
 * subscribes again and, once Redis confirms, calls {@code onResubscribed}, so the owner can re-read from
 * Redis whatever a lost message would have announced.
 *
 * <p>Nothing that expects a reply is ever sent on a subscribed connection: a pending reply while pushes
 * arrive is misrouted by the client. Liveness instead comes from a heartbeat the owner publishes through its
 * ordinary pool every {@link #HEARTBEAT_SECONDS} (to every sharded channel, as each has its own
 * connection); the subscriber client's read-idle timeout ({@link #READ_IDLE_SECONDS}) closes a half-open
 * link that stops delivering it.
 */
public final class Subscriber {

  public static final int HEARTBEAT_SECONDS = 5;
  /** Give the subscriber's client this read-idle timeout: three heartbeats missed means the link is dead. */
  public static final int READ_IDLE_SECONDS = 3 * HEARTBEAT_SECONDS;

  private final Vertx vertx;
  private final BiConsumer<String, String> onMessage;
  private final List<PubSubLink> links = new ArrayList<>();
  private final boolean sharded;
  private final Redis ownClient;
  private final ShardRouter router;
  private Handler<Void> onResubscribed = v -> { };
  private String heartbeatPayload;
  private long heartbeatTimer = -1;

  /**
   * Classic pub/sub of all {@code channels} on one connection of {@code subscriberClient}, which the caller
   * builds with {@link #READ_IDLE_SECONDS} and closes.
   *
   * @param onMessage called with (channel, payload) on the owner's context; exceptions are caught and logged
   */
  public Subscriber(Vertx vertx, Redis subscriberClient, List<String> channels, BiConsumer<String, String> onMessage) {
    this(vertx, false, null, null, onMessage);
    links.add(link(channels, subscriberClient::connect, hostPort -> { }));
  }

  private Subscriber(Vertx vertx, boolean sharded, Redis ownClient, ShardRouter router,
      BiConsumer<String, String> onMessage) {
    this.vertx = vertx;
    this.sharded = sharded;
    this.ownClient = ownClient;
    this.router = router;
    this.onMessage = onMessage;
  }

  /**
   * The subscriptions {@code config} calls for: sharded pub/sub in cluster mode (one link per channel, found
   * through {@code pooled}), otherwise classic pub/sub on a client of its own. Either way the subscriber
   * closes what it built.
   */
  public static Subscriber create(Vertx vertx, RedisConfig config, Redis pooled, String poolName,
      List<String> channels, BiConsumer<String, String> onMessage) {
    if (config.mode() != RedisClientType.CLUSTER) {
      Redis own = config.client(vertx, poolName, 1, READ_IDLE_SECONDS);
      Subscriber s = new Subscriber(vertx, false, own, null, onMessage);
      s.links.add(s.link(channels, own::connect, hostPort -> { }));
      return s;
    }
    ShardRouter router = new ShardRouter(vertx, config, pooled, poolName);
    Subscriber s = new Subscriber(vertx, true, null, router, onMessage);
    for (String channel : channels) {
      s.links.add(s.link(List.of(channel), () -> router.connect(channel), hp -> router.moved(channel, hp)));
    }
    return s;
  }

  private PubSubLink link(List<String> channels, Supplier<Future<RedisConnection>> connector,
      Consumer<String> onMoved) {
    return new PubSubLink(vertx, channels, sharded, connector, this::deliver, () -> onResubscribed.handle(null),
        onMoved);
  }

  /**
   * Publishes with {@code SPUBLISH} in cluster mode, where every subscriber of ours uses {@code SSUBSCRIBE},
   * and {@code PUBLISH} otherwise. Carries the shared command timeout.
   */
  public static Future<Response> publish(Redis redis, RedisKeys keys, String channel, String payload) {
    Command command = keys.shardedPubSub() ? Command.SPUBLISH : Command.PUBLISH;
    return redis.send(Request.cmd(command).arg(channel).arg(payload))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Called after every reconnect of any link, once Redis has confirmed it again (not after the first). */
  public Subscriber onResubscribed(Handler<Void> handler) {
    this.onResubscribed = handler;
    return this;
  }

  /**
   * Publishes {@code payload} through {@code publisher} every heartbeat: to {@code channel} on classic pub/sub,
   * to every subscribed channel when sharded (each is its own connection to keep alive). Never dispatched.
   */
  public Subscriber heartbeat(Redis publisher, String channel, String payload) {
    this.heartbeatPayload = payload;
    Command command = sharded ? Command.SPUBLISH : Command.PUBLISH;
    List<String> targets = sharded ? links.stream().flatMap(l -> l.channels().stream()).toList() : List.of(channel);
    heartbeatTimer = vertx.setPeriodic(HEARTBEAT_SECONDS * 1000L, id -> targets.forEach(target -> publisher
        .send(Request.cmd(command).arg(target).arg(payload))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)));
    return this;
  }

  private void deliver(String channel, String payload) {
    if (!payload.equals(heartbeatPayload)) {
      onMessage.accept(channel, payload);
    }
  }

  /** Connects and subscribes; fails if a first attempt fails, while reconnecting goes on in the background. */
  public Future<Void> start() {
    List<Future<Void>> all = new ArrayList<>();
    links.forEach(l -> all.add(l.connect()));
    return Future.all(all).mapEmpty();
  }

  /** True once Redis confirmed every subscription on every current connection. */
  public boolean subscribed() {
    return links.stream().allMatch(PubSubLink::subscribed);
  }

  /** Whether the channels are sharded ({@code SSUBSCRIBE}, Redis Cluster). */
  public boolean sharded() {
    return sharded;
  }

  public Future<Void> close() {
    vertx.cancelTimer(heartbeatTimer);
    List<Future<Void>> closing = new ArrayList<>();
    links.forEach(l -> closing.add(l.close()));
    return Future.all(closing)
        .eventually(() -> router == null ? Future.succeededFuture() : router.close())
        .eventually(() -> ownClient == null ? Future.succeededFuture() : ownClient.close())
        .recover(e -> Future.succeededFuture())
        .mapEmpty();
  }
}
