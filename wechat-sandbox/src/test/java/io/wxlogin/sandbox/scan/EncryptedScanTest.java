package io.wxlogin.sandbox.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxFixture;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Safe and compat mode: the push is encrypted and double-signed, the encrypted reply is opened. */
@ExtendWith(VertxExtension.class)
class EncryptedScanTest {

  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final SandboxConfig SAFE = SandboxConfig.builder().aesKey(KEY).build();
  private static final SandboxConfig COMPAT = SAFE.toBuilder().encryptMode("compat").build();

  private static JsonObject scan(SandboxFixture sandbox) {
    String ticket = sandbox.createQr(sandbox.token(), SandboxFixture.strSceneQr("enc", 180)).getString("ticket");
    return sandbox.postJson("/sandbox/scan", new JsonObject().put("ticket", ticket).put("openid", "oSafe"));
  }

  @Test
  void safeModePushCarriesOnlyTheCiphertextAndTheEncryptedReplyIsDecoded(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SAFE);
    SandboxFixture sandbox = SandboxFixture.start(vertx, SAFE.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = scan(sandbox);

    FakeLoginNode.Received push = node.received.get(0);
    assertTrue(push.uri().contains("encrypt_type=aes") && push.uri().contains("msg_signature="), push.uri());
    assertNull(push.envelope().event(), "safe mode shows nothing but ToUserName and Encrypt");
    assertEquals("gh_sandbox000001", push.envelope().toUserName());
    assertEquals("qrscene_enc", push.event().eventKey());
    assertEquals(200, result.getInteger("httpStatus"));
    assertEquals("hi qrscene_enc", result.getString("reply"));
  }

  @Test
  void safeModeRefusesAPlaintextReply(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SAFE).plaintextReplies();
    SandboxFixture sandbox = SandboxFixture.start(vertx, SAFE.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = scan(sandbox);

    assertNull(result.getString("reply"));
    assertTrue(result.getString("replyError").contains("plaintext"), result.getString("replyError"));
  }

  @Test
  void encryptedReplyWithAWrongMsgSignatureIsRefused(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SAFE).plaintextReplies()
        .replying(e -> WxXml.encryptedReply("AAAA", WxSignature.sign("x", "1", "2", "AAAA"), 1, "2"));
    SandboxFixture sandbox = SandboxFixture.start(vertx, SAFE.toBuilder().callbackUrl(node.callbackUrl()).build());

    assertTrue(scan(sandbox).getString("replyError").contains("MsgSignature"));
  }

  @Test
  void compatModePushCarriesPlaintextAndCiphertextAndAcceptsEitherReply(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, COMPAT);
    SandboxFixture sandbox = SandboxFixture.start(vertx, COMPAT.toBuilder().callbackUrl(node.callbackUrl()).build());

    assertEquals("hi qrscene_enc", scan(sandbox).getString("reply"));
    FakeLoginNode.Received push = node.received.get(0);
    assertEquals("subscribe", push.envelope().event());
    assertTrue(push.envelope().encrypt() != null && !push.envelope().encrypt().isEmpty());

    node.plaintextReplies();
    JsonObject plain = sandbox.postJson("/sandbox/scan", new JsonObject().put("ticket", push.event().ticket())
        .put("openid", "oSafe"));
    assertEquals("hi enc", plain.getString("reply"));
  }
}
