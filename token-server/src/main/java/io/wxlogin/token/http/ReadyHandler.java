package io.wxlogin.token.http;

import io.wxlogin.http.JsonReply;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.token.lease.Lease;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.token.store.TokenStore;

/**
 * {@code GET /ready}: 200 when Redis answers, else 503 with the reason. A standby is ready too (it serves
 * {@code /api/tokens} and takes over at once), so the body also says whether this replica holds the lease,
 * whether a token is stored and whether refresh requests are being received.
 */
public final class ReadyHandler implements Handler<RoutingContext> {

  private final TokenStore store;
  private final Lease lease;
  private final Subscriber subscriber;
  private final String redisDescription;

  public ReadyHandler(TokenStore store, Lease lease, Subscriber subscriber, String redisDescription) {
    this.store = store;
    this.lease = lease;
    this.subscriber = subscriber;
    this.redisDescription = redisDescription;
  }

  @Override
  public void handle(RoutingContext ctx) {
    store.describe().onComplete(ar -> {
      if (ar.failed()) {
        JsonReply.send(ctx, 503, JsonReply.errorBody("redis_unreachable",
                "Redis at " + redisDescription + " does not answer: " + ar.cause().getMessage())
            .put("leaseHeld", lease.held()).put("tokenStored", (Object) null)
            .put("refreshRequests", "disconnected"));
        return;
      }
      JsonReply.send(ctx, 200, new JsonObject().put("status", "ready").put("redis", "reachable")
          .put("leaseHeld", lease.held()).put("holder", ar.result().holder())
          .put("tokenStored", ar.result().stored())
          .put("refreshRequests", subscriber.subscribed() ? "subscribed" : "reconnecting"));
    });
  }
}
