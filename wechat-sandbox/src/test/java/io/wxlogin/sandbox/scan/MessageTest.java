package io.wxlogin.sandbox.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxFixture;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /sandbox/message}: a user's text message, pushed like WeChat's, answered with the reply. */
@ExtendWith(VertxExtension.class)
class MessageTest {

  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final String OPENID = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";

  private static JsonObject message(String content) {
    return new JsonObject().put("openid", OPENID).put("content", content);
  }

  private static FakeLoginNode echoing(Vertx vertx, SandboxConfig config) {
    return FakeLoginNode.start(vertx, config).replying(m -> WxXml.textReply(m, m.createTime(), "you said " + m.content()));
  }

  @Test
  void textMessageHasWeChatsShapeAndTheReplyComesBack(Vertx vertx) {
    FakeLoginNode node = echoing(vertx, SandboxConfig.defaults());
    SandboxFixture sandbox = SandboxFixture.start(vertx,
        SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());
    sandbox.clock.advanceSeconds(10);

    JsonObject result = sandbox.postJson("/sandbox/message", message("1"));

    WxMessage pushed = node.lastEvent();
    assertEquals("text", pushed.msgType());
    assertEquals("1", pushed.content());
    assertEquals(OPENID, pushed.fromUserName());
    assertEquals("gh_sandbox000001", pushed.toUserName());
    assertEquals(sandbox.clock.instant().getEpochSecond(), pushed.createTime());
    assertNull(pushed.event());
    String body = node.received.get(0).body();
    assertTrue(body.indexOf("<Content>") < body.indexOf("<MsgId>"), "WeChat's element order: " + body);
    assertEquals(String.valueOf(pushed.msgId()), result.getString("msgId"));
    assertTrue(result.getString("msgId").matches("\\d{19}"), result.getString("msgId"));
    assertEquals("you said 1", result.getString("reply"));
    assertEquals(200, result.getInteger("httpStatus"));
    assertEquals(OPENID, result.getString("openid"));
    assertEquals(1, sandbox.stats().getJsonObject("callbacks").getInteger("messages"));
  }

  @Test
  void everyMessageGetsItsOwnMsgId(Vertx vertx) {
    FakeLoginNode node = echoing(vertx, SandboxConfig.defaults());
    SandboxFixture sandbox = SandboxFixture.start(vertx,
        SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());

    String first = sandbox.postJson("/sandbox/message", message("0")).getString("msgId");
    String second = sandbox.postJson("/sandbox/message", message("0")).getString("msgId");

    assertNotEquals(first, second);
  }

  @Test
  void silentCallbackGetsTheIdenticalMessageAgainWithTheSameMsgId(Vertx vertx) {
    SandboxConfig fast = SandboxConfig.builder().callbackTimeoutMs(300).build();
    FakeLoginNode node = echoing(vertx, fast).silentFor(1);
    SandboxFixture sandbox = SandboxFixture.start(vertx, fast.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = sandbox.postJson("/sandbox/message", message("1"));

    assertEquals(2, result.getInteger("attempts"));
    assertEquals(node.received.get(0).uri(), node.received.get(1).uri());
    assertEquals(node.received.get(0).body(), node.received.get(1).body(), "same MsgId and CreateTime");
    assertEquals("you said 1", result.getString("reply"));
  }

  @Test
  void safeModeEncryptsTheMessageAndOpensTheEncryptedReply(Vertx vertx) {
    SandboxConfig safe = SandboxConfig.builder().aesKey(KEY).build();
    FakeLoginNode node = echoing(vertx, safe);
    SandboxFixture sandbox = SandboxFixture.start(vertx, safe.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = sandbox.postJson("/sandbox/message", message("确认"));

    FakeLoginNode.Received push = node.received.get(0);
    assertTrue(push.uri().contains("encrypt_type=aes") && push.uri().contains("msg_signature="), push.uri());
    assertNull(push.envelope().content(), "safe mode shows nothing but ToUserName and Encrypt");
    assertEquals("确认", push.event().content());
    assertEquals("you said 确认", result.getString("reply"));
  }

  @Test
  void compatModeCarriesTheTextBesideItsCiphertext(Vertx vertx) {
    SandboxConfig compat = SandboxConfig.builder().aesKey(KEY).encryptMode("compat").build();
    FakeLoginNode node = echoing(vertx, compat);
    SandboxFixture sandbox = SandboxFixture.start(vertx, compat.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = sandbox.postJson("/sandbox/message", message("0"));

    WxMessage envelope = node.received.get(0).envelope();
    assertEquals("0", envelope.content());
    assertEquals(node.received.get(0).event().msgId(), envelope.msgId());
    assertTrue(envelope.encrypt() != null && !envelope.encrypt().isEmpty());
    assertEquals("you said 0", result.getString("reply"));
  }

  @Test
  void badMessagesAreRefusedAndPushNothing(Vertx vertx) {
    FakeLoginNode node = echoing(vertx, SandboxConfig.defaults());
    SandboxFixture sandbox = SandboxFixture.start(vertx,
        SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());

    assertEquals(400, sandbox.post("/sandbox/message", "{\"content\":\"1\"}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/message", "{\"openid\":\"o<script>\",\"content\":\"1\"}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/message", "{\"openid\":\"oA\",\"content\":\"\"}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/message", "{\"openid\":\"oA\",\"content\":1}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/message", message("x".repeat(2049)).encode()).statusCode());
    JsonObject error = sandbox.post("/sandbox/message", "not json").bodyAsJsonObject();
    assertEquals("bad_json", error.getString("error"));
    assertEquals(0, node.received.size());
  }
}
