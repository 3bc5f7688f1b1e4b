package io.wxlogin.login.callback;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.login.config.ConfirmSettings;
import io.wxlogin.login.confirm.PhoneAnswer;
import io.wxlogin.login.scene.SceneAnswers;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.wechat.WxCrypto;
import io.wxlogin.wechat.WxCryptoException;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import io.wxlogin.wechat.WxXmlException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code /wechat/callback}: WeChat's URL verification (GET) and its pushed events and messages (POST) in
 * plaintext, compat and safe mode: scans of login QR codes, and the texts {@code 1} / {@code 0} that answer one. Nothing is believed before {@code signature} (and, when encrypted,
 * {@code msg_signature}) checks out. The answer always leaves within WeChat's 5 s: if the store is too
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

  public CallbackHandler(String token, WxCrypto crypto, SceneStore scenes, SceneAnswers answers,
      ConfirmSettings confirm, LoginMetrics metrics) {
    this.token = token;
    this.crypto = crypto;
    this.scanLogin = new ScanLogin(scenes, confirm, metrics);
    this.answerLogin = new AnswerLogin(answers, confirm.revokeWindowSeconds(), metrics);
    this.metrics = metrics;
  }

  /** GET: echo {@code echostr} when the signature is ours (the same in every encryption mode, docs/wechat-protocol.md §1.2). */
  public void verifyUrl(RoutingContext ctx) {
    MultiMap q = ctx.request().params();
    String echostr = q.get("echostr");
    if (echostr == null || !signed(q)) {
      refuse(ctx, 403, "bad_signature", FORGED);
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echostr);
  }

  /** POST: one pushed message or event. */
  public void receive(RoutingContext ctx) {
    MultiMap q = ctx.request().params();
    if (!signed(q)) {
      refuse(ctx, 403, "bad_signature", FORGED);
      return;
    }
    String encryptType = q.get("encrypt_type");
    boolean encrypted = "aes".equals(encryptType);
    if (encryptType != null && !encrypted && !"raw".equals(encryptType)) {
      refuse(ctx, 400, "bad_encrypt_type", "encrypt_type must be raw or aes.");
      return;
    }
    if (encrypted && crypto == null) {
      LOG.log(System.Logger.Level.WARNING, "WeChat sent an encrypted event but WECHAT_AES_KEY is not set: "
          + "set it to the EncodingAESKey from the WeChat console");
      refuse(ctx, 400, "aes_not_configured", "This server has no EncodingAESKey.");
      return;
    }
    WxMessage outer;
    try {
      outer = WxXml.parse(ctx.body().asString());
    } catch (WxXmlException e) {
      refuse(ctx, 400, "bad_xml", "The body is not a WeChat XML message.");
      return;
    }
    Inbound in = encrypted ? decrypted(ctx, q, outer) : new Inbound(outer, false, false);
    if (in != null) {
      answer(ctx, in, q.get("nonce"));
    }
  }

  /** The message inside a safe-mode envelope, or null when it was refused (403 or 400 already answered). */
  private Inbound decrypted(RoutingContext ctx, MultiMap q, WxMessage outer) {
    String encrypt = outer.encrypt();
    if (encrypt == null || !WxSignature.verify(q.get("msg_signature"), token, q.get("timestamp"), q.get("nonce"),
        encrypt)) {
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

  private void answer(RoutingContext ctx, Inbound in, String nonce) {
    WxMessage msg = in.msg();
    String scene = ScanLogin.sceneOf(msg);
    PhoneAnswer phoneAnswer = "text".equals(msg.msgType()) && msg.msgId() != null
        ? PhoneAnswer.of(msg.content()) : null;
    if (msg.fromUserName() == null || (scene == null && phoneAnswer == null)) {
      success(ctx);
      return;
    }
    Future<UserReply> handled = scene != null ? scanLogin.handle(scene, msg) : answerLogin.handle(msg, phoneAnswer);
    UserReply busy = scene != null ? ScanReply.RETRY.reply() : AnswerLogin.RETRY;
    handled.timeout(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
        .recover(t -> {
          metrics.scan("store_timeout");
          LOG.log(System.Logger.Level.WARNING, "a scan or answer could not be recorded in time: " + t);
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

  private boolean signed(MultiMap q) {
    return WxSignature.verify(q.get("signature"), token, q.get("timestamp"), q.get("nonce"));
  }

  private static void success(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("success");
  }

  private void refuse(RoutingContext ctx, int status, String reason, String message) {
    metrics.callbackRefused(reason);
    JsonReply.error(ctx, status, reason, message);
  }

  private record Inbound(WxMessage msg, boolean encrypted, boolean previousKey) {
  }
}
