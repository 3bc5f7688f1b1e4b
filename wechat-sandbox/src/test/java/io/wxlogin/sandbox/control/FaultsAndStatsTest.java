package io.wxlogin.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FaultsAndStatsTest {

  private static JsonObject fault(String api, int errcode, int count) {
    return new JsonObject().put("api", api).put("errcode", errcode).put("count", count);
  }

  @Test
  void faultMakesTheNextCallsOfOneApiAnswerItsErrcodeThenNormalAgain(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    assertEquals(201, sandbox.post("/sandbox/faults", fault("/cgi-bin/token", -1, 2).encode()).statusCode());

    assertEquals(-1, sandbox.classicToken().getInteger("errcode"));
    assertTrue(sandbox.stableToken(false).containsKey("access_token"), "other APIs are not affected");
    assertEquals(-1, sandbox.classicToken().getInteger("errcode"));
    assertTrue(sandbox.classicToken().containsKey("access_token"));
  }

  @Test
  void faultWithCountMinusOneLastsUntilCleared(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    sandbox.postJson("/sandbox/faults", fault("/cgi-bin/stable_token", 40164, -1));
    for (int i = 0; i < 5; i++) {
      assertEquals(40164, sandbox.stableToken(false).getInteger("errcode"));
    }

    assertEquals(1, sandbox.delete("/sandbox/faults").bodyAsJsonObject().getInteger("cleared"));
    assertTrue(sandbox.stableToken(false).containsKey("access_token"));
  }

  @Test
  void faultOnShowqrcodeAnswersTheErrcodeAsPlainText(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String ticket = sandbox.createQr(sandbox.token(), SandboxFixture.strSceneQr("s", 60)).getString("ticket");
    sandbox.postJson("/sandbox/faults", fault("/cgi-bin/showqrcode", -1, 1));

    HttpResponse<Buffer> answer = sandbox.get("/cgi-bin/showqrcode?ticket=" + SandboxFixture.encode(ticket));

    assertEquals("text/plain", answer.getHeader("Content-Type"));
    assertEquals(-1, new JsonObject(answer.bodyAsString()).getInteger("errcode"));
  }

  @Test
  void badFaultsAreRefusedWith400(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);

    assertEquals(400, sandbox.post("/sandbox/faults", fault("/cgi-bin/menu", -1, 1).encode()).statusCode());
    assertEquals(400, sandbox.post("/sandbox/faults", "{\"api\":\"/cgi-bin/token\"}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/faults", fault("/cgi-bin/token", 0, 1).encode()).statusCode());
    assertEquals(400, sandbox.post("/sandbox/faults", fault("/cgi-bin/token", -1, 0).encode()).statusCode());
    HttpResponse<Buffer> badJson = sandbox.post("/sandbox/faults", "{oops");
    assertEquals(400, badJson.statusCode());
    assertEquals("bad_json", badJson.bodyAsJsonObject().getString("error"));
  }

  @Test
  void statsCountCallsAndErrcodesPerApiAndResetOnDelete(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String token = sandbox.token();
    sandbox.getJson("/cgi-bin/token?grant_type=client_credential&appid=" + sandbox.config.appId() + "&secret=bad");
    sandbox.createQr(token, SandboxFixture.strSceneQr("s", 60));
    sandbox.get("/cgi-bin/showqrcode?ticket=nope");

    JsonObject apis = sandbox.stats().getJsonObject("apis");
    JsonObject tokenStats = apis.getJsonObject("/cgi-bin/token");
    assertEquals(2, tokenStats.getInteger("calls"));
    assertEquals(1, tokenStats.getInteger("ok"));
    assertEquals(1, tokenStats.getJsonObject("errcodes").getInteger("40125"));
    assertEquals(1, apis.getJsonObject("/cgi-bin/qrcode/create").getInteger("ok"));
    assertEquals(1, apis.getJsonObject("/cgi-bin/showqrcode").getJsonObject("httpStatuses").getInteger("404"));
    assertEquals(0, apis.getJsonObject("/cgi-bin/stable_token").getInteger("calls"));

    sandbox.delete("/sandbox/stats");
    assertEquals(0, sandbox.stats().getJsonObject("apis").getJsonObject("/cgi-bin/token").getInteger("calls"));
  }

  @Test
  void bodyOverTheLimitIsRefusedWithAClear413(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);

    HttpResponse<Buffer> answer = sandbox.post("/cgi-bin/stable_token", "x".repeat(70 * 1024));

    assertEquals(413, answer.statusCode());
    assertEquals("body_too_large", answer.bodyAsJsonObject().getString("error"));
  }
}
