package io.wxlogin.sandbox.scan;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.sandbox.control.ControlJson;
import io.wxlogin.sandbox.control.Stats;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * {@code POST /sandbox/message}: a user types a text to the Official Account. WeChat pushes it as a
 * {@code text} message with a fresh 64-bit MsgId; its retries (no answer within the timeout) re-send the
 * identical request, same MsgId, which is what a callback de-duplicates on. Answered like a scan, with the
 * reply as the user sees it.
 */
public final class MessageHandler {

  private final Clock clock;
  private final Stats stats;
  private final WeChatPusher pusher;
  // 19-digit ids like WeChat's, counting up from a random start so two sandboxes rarely share one
  private long nextMsgId = 7_000_000_000_000_000_000L + new SecureRandom().nextLong(1_000_000_000_000_000_000L);

  /** {@code clock} gives the CreateTime: the sandbox's (test-movable) clock. */
  public MessageHandler(Clock clock, Stats stats, WeChatPusher pusher) {
    this.clock = clock;
    this.stats = stats;
    this.pusher = pusher;
  }

  public void handle(RoutingContext ctx) {
    JsonObject body = ControlJson.bodyOrAnswer400(ctx);
    if (body == null) {
      return;
    }
    MessageRequest message;
    try {
      message = MessageRequest.parse(body);
    } catch (ScanRequest.Invalid e) {
      JsonReply.error(ctx, 400, "bad_message", e.getMessage());
      return;
    }
    stats.messaged();
    long msgId = nextMsgId++;
    SignedPush push = pusher.signer().text(message.openid(), clock.instant().getEpochSecond(), message.content(),
        msgId);
    pusher.deliver(push, message.openid())
        .map(result -> result.put("openid", message.openid()).put("content", message.content())
            .put("msgId", String.valueOf(msgId)))
        .onSuccess(result -> JsonReply.send(ctx, 200, result))
        .onFailure(ctx::fail);
  }
}
