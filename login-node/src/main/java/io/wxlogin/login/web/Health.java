package io.wxlogin.login.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.login.token.AccessTokens;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.Subscriber;
import java.util.concurrent.TimeUnit;

/** {@code /health}: the process answers. {@code /ready}: Redis answers, pub/sub is up and a token is held. */
public final class Health {

  private final Redis redis;
  private final AccessTokens tokens;
  private final Subscriber subscriber;

  public Health(Redis redis, AccessTokens tokens, Subscriber subscriber) {
    this.redis = redis;
    this.tokens = tokens;
    this.subscriber = subscriber;
  }

  public void live(RoutingContext ctx) {
    JsonReply.send(ctx, 200, new JsonObject().put("status", "UP"));
  }

  public void ready(RoutingContext ctx) {
    redis.send(Request.cmd(Command.PING)).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(pong -> tokens.present() ? io.vertx.core.Future.succeededFuture(true)
            : tokens.reload().map(t -> t != null))
        .onSuccess(hasToken -> {
          if (!subscriber.subscribed()) {
            notReady(ctx, "the Redis pub/sub connection is down; reconnecting");
          } else if (!hasToken) {
            notReady(ctx, "no access_token in Redis yet: is the token-server running?");
          } else {
            JsonReply.send(ctx, 200, new JsonObject().put("status", "READY"));
          }
        })
        .onFailure(t -> notReady(ctx, "Redis is unreachable: " + t.getMessage()));
  }

  private static void notReady(RoutingContext ctx, String reason) {
    JsonReply.send(ctx, 503, new JsonObject().put("status", "NOT_READY").put("reason", reason));
  }
}
