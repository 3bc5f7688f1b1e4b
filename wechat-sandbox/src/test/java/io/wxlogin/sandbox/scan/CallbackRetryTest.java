package io.wxlogin.sandbox.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxFixture;
import io.wxlogin.testing.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** WeChat's delivery rule: no answer within the timeout means the identical push again, three more times. */
@ExtendWith(VertxExtension.class)
class CallbackRetryTest {

  private static final SandboxConfig FAST = SandboxConfig.builder().callbackTimeoutMs(300).build();

  private static String qr(SandboxFixture sandbox) {
    return sandbox.createQr(sandbox.token(), SandboxFixture.strSceneQr("s", 180)).getString("ticket");
  }

  @Test
  void silentCallbackGetsTheIdenticalRequestAgainUntilItAnswers(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, FAST).silentFor(2);
    SandboxFixture sandbox = SandboxFixture.start(vertx, FAST.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = sandbox.postJson("/sandbox/scan", new JsonObject().put("ticket", qr(sandbox)).put("openid", "oA"));

    assertEquals(3, result.getInteger("attempts"));
    assertEquals(3, node.received.size());
    for (FakeLoginNode.Received r : node.received) {
      assertEquals(node.received.get(0).uri(), r.uri(), "same query: signature, timestamp, nonce");
      assertEquals(node.received.get(0).body(), r.body(), "same body: same CreateTime, so it can be deduplicated");
    }
    assertEquals("hi qrscene_s", result.getString("reply"));
    JsonObject callbacks = sandbox.stats().getJsonObject("callbacks");
    assertEquals(3, callbacks.getInteger("posts"));
    assertEquals(2, callbacks.getInteger("unanswered"));
  }

  @Test
  void callbackThatNeverAnswersGetsFourAttemptsAndNoReply(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, FAST).silentFor(Integer.MAX_VALUE);
    SandboxFixture sandbox = SandboxFixture.start(vertx, FAST.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = sandbox.postJson("/sandbox/scan", new JsonObject().put("ticket", qr(sandbox)));

    assertEquals(4, result.getInteger("attempts"));
    assertEquals(4, node.received.size());
    assertNull(result.getValue("httpStatus"));
    assertNull(result.getValue("reply"));
    assertTrue(result.getString("replyError").contains("no answer"), result.getString("replyError"));
  }

  @Test
  void refusedConnectionIsRetriedLikeASilentOne(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx,
        FAST.toBuilder().callbackUrl("http://127.0.0.1:" + RedisServer.freePort() + "/wechat/callback").build());

    JsonObject result = sandbox.postJson("/sandbox/scan", new JsonObject().put("ticket", qr(sandbox)));

    assertEquals(4, result.getInteger("attempts"));
    assertNull(result.getValue("httpStatus"));
  }

  @Test
  void errorStatusIsReportedAndNotRetried(Vertx vertx) {
    SandboxConfig wrongToken = FAST.toBuilder().callbackUrl("unused").build();
    FakeLoginNode node = FakeLoginNode.start(vertx, new SandboxConfig(0, wrongToken.appId(), wrongToken.appSecret(),
        "anothertoken", null, "safe", wrongToken.originalId(), "unused", 7200, 300, 2000, 100_000, 300, 3));
    SandboxFixture sandbox = SandboxFixture.start(vertx, FAST.toBuilder().callbackUrl(node.callbackUrl()).build());

    JsonObject result = sandbox.postJson("/sandbox/scan", new JsonObject().put("ticket", qr(sandbox)));

    assertEquals(403, result.getInteger("httpStatus"), "the node checks the signature with another token");
    assertEquals(1, result.getInteger("attempts"));
    assertEquals(1, node.received.size());
    assertTrue(result.getString("replyError").contains("HTTP 403"));
  }
}
