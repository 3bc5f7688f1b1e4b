package io.wxlogin.login.guard;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;

/**
 * Decodes every request's query string once, up front, and answers a malformed one ({@code ?wait=%zz})
 * {@code 400 bad_query}: left to a handler, the decoder's exception became a 500 with a stack trace in the log,
 * one per request, for anyone to send. The decoded parameters are cached, so handlers pay nothing more.
 */
public final class QueryCheck implements Handler<RoutingContext> {

  private final Refusals refusals;

  public QueryCheck(Refusals refusals) {
    this.refusals = refusals;
  }

  @Override
  public void handle(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      refusals.count("bad_query");
      JsonReply.error(ctx, 400, "bad_query", "The query string is not valid URL encoding.");
      return;
    }
    ctx.next();
  }
}
