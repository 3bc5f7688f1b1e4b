package io.wxlogin.login.scene;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.Subscriber;
import java.util.concurrent.TimeUnit;

/**
 * How a script that changes a scene's status tells the node holding its poll. On standalone and sentinel Redis
 * the script publishes in the same step (given the channel prefix). In cluster mode the node's channel is a shard
 * channel in another slot, which a script may not publish to (docs/redis.md §3, "Sharded pub/sub"): the script
 * gets an empty prefix and publishes nothing, and {@link #afterScript} reads the poll's node and SPUBLISHes.
 *
 * <p>Still race-free: the status is written before the node is read, so a poll that registered earlier is told,
 * and a poll registering later reads the new status itself. A lost notice (the process dies between the two)
 * only delays the browser to its poll's next re-read (hold timeout, resubscribe) or to WeChat's re-sent event.
 */
final class PollNodeNotice {

  private final Redis redis;
  private final RedisKeys keys;

  PollNodeNotice(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** The channel prefix to hand a script: empty when the caller publishes after it. */
  String channelPrefix() {
    return keys.shardedPubSub() ? "" : keys.nodeChannel("");
  }

  /** In cluster mode, SPUBLISHes {@code scene} to the node holding its poll, if any; never fails. */
  Future<Void> afterScript(String scene) {
    if (!keys.shardedPubSub()) {
      return Future.succeededFuture();
    }
    return redis.send(Request.cmd(Command.HGET).arg(keys.scene(scene)).arg(RedisFields.Scene.NODE.field()))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(node -> node == null ? Future.succeededFuture()
            : Subscriber.publish(redis, keys, keys.nodeChannel(node.toString()), scene).mapEmpty())
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}
