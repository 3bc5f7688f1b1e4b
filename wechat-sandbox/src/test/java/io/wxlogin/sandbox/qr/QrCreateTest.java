package io.wxlogin.sandbox.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class QrCreateTest {

  private static JsonObject qr(String action, JsonObject scene) {
    return new JsonObject().put("action_name", action).put("action_info", new JsonObject().put("scene", scene));
  }

  @Test
  void temporaryStrSceneAnswersTicketExpiryAndUrlWithSlashesEscaped(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    HttpResponse<Buffer> answer = sandbox.post("/cgi-bin/qrcode/create?access_token="
        + SandboxFixture.encode(sandbox.token()), SandboxFixture.strSceneQr("login-abc", 180).encode());

    assertTrue(answer.bodyAsString().contains("\"url\":\"http:\\/\\/weixin.qq.com\\/q\\/"),
        "WeChat escapes / as \\/: " + answer.bodyAsString());
    JsonObject json = answer.bodyAsJsonObject();
    assertEquals(180, json.getInteger("expire_seconds"));
    assertTrue(json.getString("url").matches("http://weixin\\.qq\\.com/q/[A-Za-z0-9]{20}"));
    assertTrue(json.getString("ticket").matches("[A-Za-z0-9+/]+={0,2}"), "a ticket is base64");
  }

  @Test
  void temporaryCodeWithoutExpireSecondsLasts60Seconds(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    JsonObject answer = sandbox.createQr(sandbox.token(), qr("QR_SCENE", new JsonObject().put("scene_id", 123)));

    assertEquals(60, answer.getInteger("expire_seconds"));
  }

  @Test
  void permanentCodeHasNoExpiry(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    JsonObject answer = sandbox.createQr(sandbox.token(), qr("QR_LIMIT_STR_SCENE",
        new JsonObject().put("scene_str", "shop")).put("expire_seconds", 30));

    assertTrue(answer.containsKey("ticket"));
    assertFalse(answer.containsKey("expire_seconds"));
  }

  @Test
  void invalidArgumentsAnswer40097(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String token = sandbox.token();

    assertEquals(40097, sandbox.createQr(token, SandboxFixture.strSceneQr("x".repeat(65), 60)).getInteger("errcode"));
    assertEquals(40097, sandbox.createQr(token, SandboxFixture.strSceneQr("", 60)).getInteger("errcode"));
    assertEquals(40097, sandbox.createQr(token, SandboxFixture.strSceneQr("s", 2_592_001)).getInteger("errcode"));
    assertEquals(40097, sandbox.createQr(token, qr("QR_FANCY", new JsonObject().put("scene_str", "s")))
        .getInteger("errcode"));
    assertEquals(40097, sandbox.createQr(token, qr("QR_SCENE", new JsonObject().put("scene_id", 0)))
        .getInteger("errcode"));
    assertEquals(40097, sandbox.createQr(token, qr("QR_LIMIT_SCENE", new JsonObject().put("scene_id", 100_001)))
        .getInteger("errcode"));
    assertEquals(40097, sandbox.createQr(token, new JsonObject().put("action_name", "QR_SCENE"))
        .getInteger("errcode"));
    assertTrue(sandbox.createQr(token, SandboxFixture.strSceneQr("x".repeat(64), 2_592_000)).containsKey("ticket"));
  }

  @Test
  void bodyThatIsNotJsonAnswers47001(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);

    assertEquals(47001, sandbox.post("/cgi-bin/qrcode/create?access_token=" + SandboxFixture.encode(sandbox.token()),
        "<xml/>").bodyAsJsonObject().getInteger("errcode"));
  }

  @Test
  void dailyQrQuotaAnswers45009UntilLocalMidnight(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().qrDailyQuota(1).build());
    String token = sandbox.token();
    sandbox.createQr(token, SandboxFixture.strSceneQr("a", 60));

    assertEquals(45009, sandbox.createQr(token, SandboxFixture.strSceneQr("b", 60)).getInteger("errcode"));
    sandbox.clock.advancePastMidnight();
    assertTrue(sandbox.createQr(sandbox.token(), SandboxFixture.strSceneQr("c", 60)).containsKey("ticket"));
  }
}
