package io.wxlogin.login.callback;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.login.guard.CallbackGate;
import io.wxlogin.login.guard.RawBody;
import io.wxlogin.login.guard.RefusalLog;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.login.config.ConfirmSettings;
import io.wxlogin.login.confirm.PhoneAnswer;
import io.wxlogin.login.scene.SceneAnswers;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.server.Deadlines;
import io.wxlogin.wechat.WxCrypto;
import io.wxlogin.wechat.WxCryptoException;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import io.wxlogin.wechat.WxXmlException;
import java.util.Objects;

/**
 * {@code /wechat/callback}: WeChat's URL verification (GET) and its pushed events and messages (POST) in
 * plaintext, compat and safe mode: scans of login QR codes, and the texts {@code 1} / {@code 0} that answer one.
 * Nothing in the body is read before the {@link CallbackGate} passes it: the query {@code signature}, the
 * encryption mode required, the replay window and the (timestamp, nonce) pair's body (docs/security.md); then
 * the body is parsed strictly, and, when encrypted, {@code msg_signature} checked. A message whose user names
 * are not WeChat's shape is answered {@code success} and ignored. The answer always leaves within WeChat's 5 s:
 * if the store is too
 * slow, the user is told to scan again rather than left with WeChat's "service unavailable".
 */
public final class CallbackHandler {

  private static final System.Logger LOG = System.getLogger("wxlogin.callback");
  private static final long ANSWER_WITHIN_MS = 4_000;
  private static final String FORGED = "The request is not signed with this server's WeChat Token.";

  private final String token;
  private final WxCrypto crypto;
  private final ScanLogin scanLogin;
  private final AnswerLogin answerLogin;
  private final LoginMetrics metrics;
  private final CallbackGate gate;
  private final RefusalLog log = new RefusalLog(LOG);

  public CallbackHandler(String token, WxCrypto crypto, SceneStore scenes, SceneAnswers answers,
      ConfirmSettings confirm, LoginMetrics metrics, CallbackGate gate) {
    this.gate = gate;
    this.token = token;
    this.crypto = crypto;
    this.scanLogin = new ScanLogin(scenes, confirm, metrics);
    this.answerLogin = new AnswerLogin(answers, confirm.revokeWindowSeconds(), metrics);
    this.metrics = metrics;
  }

  /** GET: echo {@code echostr} when the signature is ours (the same in every encryption mode, docs/wechat.md §1.2). */
  public void verifyUrl(RoutingContext ctx) {
    CallbackGate.Query q = CallbackGate.Query.parse(ctx.request().query());
    CallbackGate.Refusal refusal = gate.verifyUrl(q);
    if (refusal != null) {
      refuse(ctx, refusal);
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(q.echostr());
  }

  /** POST: one pushed message or event, its body read as bytes by {@link io.wxlogin.login.guard.RawBody}. */
  public void receive(RoutingContext ctx) {
    CallbackGate.Query q = CallbackGate.Query.parse(ctx.request().query());
    byte[] body = RawBody.of(ctx);
    gate.admit(q, body).onComplete(ar -> {
      if (ar.failed()) {
        // the replay check needs Redis, and so does a login: none can happen now, the user is asked to scan again
        read(ctx, q, body, true);
      } else if (ar.result().refusal() != null) {
        refuse(ctx, ar.result().refusal());
      } else {
        read(ctx, q, body, false);
      }
    });
  }

  private void read(RoutingContext ctx, CallbackGate.Query q, byte[] body, boolean storeDown) {
    if (q.encrypted() && crypto == null) {
      refuse(ctx, 400, "aes_not_configured", "This server has no EncodingAESKey.");
      return;
    }
    WxMessage outer;
    try {
      outer = WxXml.parse(body);
    } catch (WxXmlException e) {
      refuse(ctx, 400, "bad_xml", "The body is not a WeChat XML message.");
      return;
    }
    Inbound in = q.encrypted() ? decrypted(ctx, q, outer) : new Inbound(outer, false, false);
    if (in != null) {
      answer(ctx, in, q.nonce(), storeDown);
    }
  }

  /** The message inside a safe-mode envelope, or null when it was refused (403 or 400 already answered). */
  private Inbound decrypted(RoutingContext ctx, CallbackGate.Query q, WxMessage outer) {
    String encrypt = outer.encrypt();
    if (encrypt == null || !WxSignature.verify(q.msgSignature(), token, q.timestamp(), q.nonce(), encrypt)) {
      refuse(ctx, 403, "bad_signature", FORGED);
      return null;
    }
    try {
      WxCrypto.Decrypted d = crypto.decrypt(encrypt);
      WxMessage inner = WxXml.parse(d.message());
      if (outer.toUserName() != null && !Objects.equals(outer.toUserName(), inner.toUserName())) {
        refuse(ctx, 400, "bad_message", "ToUserName differs inside and outside the encryption.");
        return null;
      }
      return new Inbound(inner, true, d.previousKey());
    } catch (WxCryptoException | WxXmlException e) {
      refuse(ctx, 400, "bad_encrypt", "The encrypted message cannot be read with this EncodingAESKey.");
      return null;
    }
  }

  private void answer(RoutingContext ctx, Inbound in, String nonce, boolean storeDown) {
    WxMessage msg = in.msg();
    String scene = ScanLogin.sceneOf(msg);
    PhoneAnswer phoneAnswer = "text".equals(msg.msgType()) && msg.msgId() != null
        ? PhoneAnswer.of(msg.content()) : null;
    if (!msg.userNamesValid() || (scene == null && phoneAnswer == null)) {
      success(ctx);
      return;
    }
    // storeDown: the replay check could not reach Redis, so neither could a login; the user is asked to retry
    Future<UserReply> handled = storeDown ? Future.failedFuture("Redis is unreachable")
        : scene != null ? scanLogin.handle(scene, msg) : answerLogin.handle(msg, phoneAnswer);
    UserReply busy = scene != null ? ScanReply.RETRY.reply() : AnswerLogin.RETRY;
    Deadlines.within(handled, ANSWER_WITHIN_MS)
        .recover(t -> {
          metrics.scan("store_timeout");
          log.warn("store_timeout", "a scan or answer could not be recorded in time: " + t);
          return Future.succeededFuture(busy);
        })
        .onSuccess(outcome -> reply(ctx, in, outcome, nonce));
  }

  private void reply(RoutingContext ctx, Inbound in, UserReply outcome, String nonce) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    // the event's own CreateTime makes the reply to every retry of it byte-identical in plaintext mode
    long createTime = in.msg().createTime() == null ? System.currentTimeMillis() / 1000 : in.msg().createTime();
    String xml = WxXml.textReply(in.msg(), createTime, outcome.text());
    if (in.encrypted()) {
      String encrypt = crypto.encrypt(xml, in.previousKey());
      long now = System.currentTimeMillis() / 1000;
      xml = WxXml.encryptedReply(encrypt, WxSignature.sign(token, String.valueOf(now), nonce, encrypt), now, nonce);
    }
    ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8")
        .putHeader(UserReply.HEADER, outcome.header()).end(xml);
  }

  private static void success(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("success");
  }

  private void refuse(RoutingContext ctx, CallbackGate.Refusal r) {
    refuse(ctx, r.status(), r.code(), r.message());
  }

  /** Counted, and one line a minute per reason at most: never what the caller sent. */
  private void refuse(RoutingContext ctx, int status, String reason, String message) {
    metrics.callbackRefused(reason);
    log.warn(reason, "callback refused (" + reason + "): " + message);
    JsonReply.error(ctx, status, reason, message);
  }

  private record Inbound(WxMessage msg, boolean encrypted, boolean previousKey) {
  }
}
