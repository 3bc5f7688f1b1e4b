package io.wxlogin.sandbox.scan;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxFixture;
import io.wxlogin.wechat.WxCrypto;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in login node for scan tests: a real HTTP server that checks WeChat's signatures exactly as a
 * callback must (403 when they are wrong), decrypts safe-mode pushes, and answers with whatever the test
 * chooses, encrypted when the push was. It can also stay silent for the first requests.
 */
final class FakeLoginNode {

  /** One request as it arrived, and the event inside it (decrypted when encrypted). */
  record Received(String uri, String body, WxMessage envelope, WxMessage event) {
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final SandboxConfig config;
  private final WxCrypto crypto;
  private final HttpServer server;
  private volatile int silentFor;
  private volatile Function<WxMessage, String> replier = e -> WxXml.textReply(e, e.createTime(), "hi " + e.eventKey());
  private volatile boolean encryptReplies = true;

  private FakeLoginNode(Vertx vertx, SandboxConfig config) {
    this.config = config;
    this.crypto = config.encrypted() ? new WxCrypto(config.appId(), config.aesKey()) : null;
    this.server = SandboxFixture.await(vertx.createHttpServer().requestHandler(this::handle).listen(0));
  }

  /** Listens on a free port; the sandbox must be configured with {@link #callbackUrl()}. */
  static FakeLoginNode start(Vertx vertx, SandboxConfig config) {
    return new FakeLoginNode(vertx, config);
  }

  String callbackUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/wechat/callback";
  }

  /** The first {@code n} requests get no answer at all, as from a hung node. */
  FakeLoginNode silentFor(int n) {
    silentFor = n;
    return this;
  }

  /** The raw body to answer for an event (text reply XML, "success", "", anything). */
  FakeLoginNode replying(Function<WxMessage, String> replier) {
    this.replier = replier;
    return this;
  }

  /** In encrypted modes, answer the reply in plaintext instead of wrapping it. */
  FakeLoginNode plaintextReplies() {
    encryptReplies = false;
    return this;
  }

  WxMessage lastEvent() {
    return received.get(received.size() - 1).event();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(buffer -> {
      String body = buffer.toString();
      WxMessage envelope = parse(body);
      WxMessage event = envelope;
      boolean encrypted = "aes".equals(req.getParam("encrypt_type"));
      boolean signed = WxSignature.verify(req.getParam("signature"), config.token(), req.getParam("timestamp"),
          req.getParam("nonce"));
      if (encrypted) {
        signed &= WxSignature.verify(req.getParam("msg_signature"), config.token(), req.getParam("timestamp"),
            req.getParam("nonce"), envelope.encrypt());
        event = parse(decrypt(envelope.encrypt()));
      }
      received.add(new Received(req.uri(), body, envelope, event));
      if (received.size() <= silentFor) {
        return;
      }
      if (!signed) {
        req.response().setStatusCode(403).end();
        return;
      }
      String reply = replier.apply(event);
      if (encrypted && encryptReplies && reply.startsWith("<xml>")) {
        reply = encrypt(reply, req.getParam("nonce"));
      }
      req.response().putHeader("Content-Type", "application/xml").end(reply);
    });
  }

  private String encrypt(String reply, String nonce) {
    String encrypt = crypto.encrypt(reply);
    long now = System.currentTimeMillis() / 1000;
    return WxXml.encryptedReply(encrypt, WxSignature.sign(config.token(), String.valueOf(now), nonce, encrypt),
        now, nonce);
  }

  private String decrypt(String encrypt) {
    try {
      return crypto.decrypt(encrypt).message();
    } catch (Exception e) {
      throw new AssertionError("the push cannot be decrypted with the sandbox's key", e);
    }
  }

  private static WxMessage parse(String xml) {
    try {
      return WxXml.parse(xml);
    } catch (Exception e) {
      throw new AssertionError("the push is not WeChat XML: " + xml, e);
    }
  }
}
