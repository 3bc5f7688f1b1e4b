package io.wxlogin.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds the master that owns a sharded channel's slot right now and opens a plain connection to it.
 *
 * <p>The cluster client's own connection installs a message handler only on the node connections that
 * exist when it is made, not on those it opens after a redirect or a failover (docs/redis.md §4).
 * So each sharded subscription here is one standalone connection to one master, found afresh on every attempt
 * by asking the cluster ({@code CLUSTER SLOTS}), or taken from the last {@code -MOVED} answer.
 */
final class ShardRouter {

  private final Vertx vertx;
  private final RedisConfig config;
  private final Redis pooled;
  private final String poolName;
  private final Map<String, Integer> slots = new HashMap<>();
  private final Map<String, String> movedTo = new HashMap<>();
  private final Map<String, Redis> clients = new HashMap<>();

  /** @param pooled the ordinary cluster client, used only to ask where slots live */
  ShardRouter(Vertx vertx, RedisConfig config, Redis pooled, String poolName) {
    this.vertx = vertx;
    this.config = config;
    this.pooled = pooled;
    this.poolName = poolName;
  }

  /** A fresh connection to the master of {@code channel}'s slot. */
  Future<RedisConnection> connect(String channel) {
    String hint = movedTo.remove(channel);
    Future<String> endpoint = hint != null ? Future.succeededFuture(hint) : masterOf(channel);
    return endpoint.compose(hostPort -> clients.computeIfAbsent(hostPort,
        hp -> config.nodeClient(vertx, poolName, hp, Subscriber.READ_IDLE_SECONDS)).connect());
  }

  /** Remembers where a {@code -MOVED} answer said the channel's slot lives, for the next attempt only. */
  void moved(String channel, String hostPort) {
    movedTo.put(channel, hostPort);
  }

  /** The {@code host:port} of the master that serves {@code channel}'s slot, as the cluster says now. */
  Future<String> masterOf(String channel) {
    return slotOf(channel).compose(slot -> send(Request.cmd(Command.CLUSTER).arg("SLOTS"))
        .compose(ranges -> {
          for (Response range : ranges) {
            if (range.get(0).toInteger() <= slot && slot <= range.get(1).toInteger()) {
              Response master = range.get(2);
              return Future.succeededFuture(master.get(0).toString() + ":" + master.get(1).toInteger());
            }
          }
          return Future.failedFuture("no master serves slot " + slot + " yet");
        }));
  }

  private Future<Integer> slotOf(String channel) {
    Integer known = slots.get(channel);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return send(Request.cmd(Command.CLUSTER).arg("KEYSLOT").arg(channel)).map(r -> {
      slots.put(channel, r.toInteger());
      return r.toInteger();
    });
  }

  private Future<Response> send(Request request) {
    return pooled.send(request).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    clients.values().forEach(c -> closing.add(c.close().recover(e -> Future.succeededFuture())));
    clients.clear();
    return Future.all(closing).mapEmpty();
  }
}
