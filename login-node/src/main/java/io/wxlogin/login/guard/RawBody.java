package io.wxlogin.login.guard;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;

/**
 * Reads a request body as bytes, up to a limit, and nothing more: unlike vertx-web's BodyHandler it never
 * decodes a form, whatever the {@code Content-Type} says. A callback body is not looked at before its signature
 * checks out, and a form decoder fed {@code %zz} by anyone used to write a stack trace per request.
 */
public final class RawBody implements Handler<RoutingContext> {

  private static final String KEY = "wxlogin.rawBody";

  private final int limit;

  public RawBody(int limit) {
    this.limit = limit;
  }

  /** The bytes read for this request. */
  public static byte[] of(RoutingContext ctx) {
    Buffer body = ctx.get(KEY);
    return body == null ? new byte[0] : body.getBytes();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("Content-Length");
    if (length != null && (!length.matches("[0-9]{1,12}") || Long.parseLong(length) > limit)) {
      tooLarge(ctx);
      return;
    }
    if (request.isEnded()) {
      ctx.put(KEY, Buffer.buffer());
      ctx.next();
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    request.handler(chunk -> {
      if (over[0]) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        over[0] = true;
        tooLarge(ctx);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!over[0]) {
        ctx.put(KEY, body);
        ctx.next();
      }
    });
    // the router pauses a request until a handler takes its body
    request.resume();
  }

  private void tooLarge(RoutingContext ctx) {
    // the rest of an oversized body is not worth reading: answer, then drop the connection
    ctx.response().putHeader("Connection", "close");
    JsonReply.error(ctx, 413, "body_too_large", "The body is larger than " + limit + " bytes.");
  }
}
