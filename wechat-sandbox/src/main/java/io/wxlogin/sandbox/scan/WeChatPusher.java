package io.wxlogin.sandbox.scan;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.control.Stats;
import io.wxlogin.wechat.WxCrypto;

/**
 * The one path every push takes, whatever the user did (scanned, typed a message): signed and encrypted
 * like WeChat's, delivered to the callback with WeChat's retries, and the passive reply read back as the
 * user would see it. Scans and messages differ only in the XML they push.
 */
public final class WeChatPusher {

  private final SignedPush.Signer signer;
  private final CallbackPoster poster;
  private final ReplyDecoder decoder;

  public WeChatPusher(Vertx vertx, SandboxConfig config, Stats stats) {
    WxCrypto crypto = config.encrypted() ? new WxCrypto(config.appId(), config.aesKey()) : null;
    this.signer = new SignedPush.Signer(config, crypto);
    this.poster = new CallbackPoster(vertx, config.callbackTimeoutMs(), config.callbackRetries(), stats);
    this.decoder = new ReplyDecoder(config, crypto);
  }

  SignedPush.Signer signer() {
    return signer;
  }

  /**
   * Delivers {@code push} from {@code openid} and answers {@code httpStatus}, {@code attempts},
   * {@code elapsedMs} and {@code reply} (the text the user sees), or {@code replyError} with why WeChat would
   * show "该公众号暂时无法提供服务" instead.
   */
  Future<JsonObject> deliver(SignedPush push, String openid) {
    long started = System.nanoTime();
    return poster.deliver(push).map(delivery -> {
      JsonObject result = new JsonObject().put("httpStatus", delivery.status()).put("attempts", delivery.attempts())
          .put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
      ReplyDecoder.Reply reply = reply(delivery, openid);
      result.put("reply", reply.text());
      if (reply.error() != null) {
        result.put("replyError", reply.error());
      }
      return result;
    });
  }

  private ReplyDecoder.Reply reply(CallbackPoster.Delivery delivery, String openid) {
    if (delivery.status() == null) {
      return ReplyDecoder.Reply.refused("no answer after " + delivery.attempts() + " attempts: " + delivery.failure());
    }
    if (delivery.status() != 200) {
      return ReplyDecoder.Reply.refused("the callback answered HTTP " + delivery.status());
    }
    return decoder.decode(delivery.body(), openid);
  }

  public Future<Void> close() {
    return poster.close();
  }
}
