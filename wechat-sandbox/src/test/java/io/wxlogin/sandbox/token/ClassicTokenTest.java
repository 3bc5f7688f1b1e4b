package io.wxlogin.sandbox.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
class ClassicTokenTest {

  private static final String RID = ".* rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$";

  @Test
  void issuesALongTokenThatLastsTheConfiguredTtlAsWeChatJson(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    HttpResponse<Buffer> answer = sandbox.get("/cgi-bin/token?grant_type=client_credential&appid="
        + sandbox.config.appId() + "&secret=" + sandbox.config.appSecret());

    assertEquals(200, answer.statusCode());
    assertEquals("application/json; encoding=utf-8", answer.getHeader("Content-Type"));
    JsonObject json = answer.bodyAsJsonObject();
    assertFalse(json.containsKey("errcode"), "a success answer carries no errcode");
    assertTrue(json.getString("access_token").length() >= 100, "real tokens are well over 100 characters");
    assertEquals(7200, json.getInteger("expires_in"));
    assertEquals(0, sandbox.tokenErrcode(json.getString("access_token")));
  }

  @Test
  void wrongSecretIsRefusedWith40125AsHttp200(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    HttpResponse<Buffer> answer = sandbox.get("/cgi-bin/token?grant_type=client_credential&appid="
        + sandbox.config.appId() + "&secret=wrongsecret");

    assertEquals(200, answer.statusCode());
    assertEquals(40125, answer.bodyAsJsonObject().getInteger("errcode"));
    assertTrue(answer.bodyAsJsonObject().getString("errmsg").matches("invalid appsecret" + RID));
  }

  @Test
  void unknownAppidIsRefusedWith40013(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    JsonObject answer = sandbox.getJson("/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000000"
        + "&secret=" + sandbox.config.appSecret());

    assertEquals(40013, answer.getInteger("errcode"));
    assertTrue(answer.getString("errmsg").matches("invalid appid" + RID));
  }

  @Test
  void otherGrantTypeAndMissingParametersAnswerTheirOwnErrcodes(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String appid = "&appid=" + sandbox.config.appId();
    String secret = "&secret=" + sandbox.config.appSecret();

    assertEquals(40002, sandbox.getJson("/cgi-bin/token?grant_type=password" + appid + secret).getInteger("errcode"));
    assertEquals(40002, sandbox.getJson("/cgi-bin/token?x=1" + appid + secret).getInteger("errcode"));
    assertEquals(41002, sandbox.getJson("/cgi-bin/token?grant_type=client_credential" + secret).getInteger("errcode"));
    assertEquals(41004, sandbox.getJson("/cgi-bin/token?grant_type=client_credential" + appid).getInteger("errcode"));
  }

  @Test
  void eachCallIssuesANewTokenAndThePreviousOneWorksOnlyDuringTheOverlap(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().tokenOverlapSeconds(300).build());
    String first = sandbox.token();
    sandbox.clock.advanceSeconds(1000);
    String second = sandbox.token();

    assertNotEquals(first, second);
    sandbox.clock.advanceSeconds(299);
    assertEquals(0, sandbox.tokenErrcode(first), "the old token still works inside the overlap");
    sandbox.clock.advanceSeconds(1);
    assertEquals(40001, sandbox.tokenErrcode(first), "after the overlap the old token is 'not latest'");
    assertEquals(0, sandbox.tokenErrcode(second));
  }

  @Test
  void oldTokenPastItsOwnExpiryAnswers42001EvenInsideTheOverlap(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().tokenOverlapSeconds(300).build());
    String first = sandbox.token();
    sandbox.clock.advanceSeconds(7100);
    sandbox.token();

    sandbox.clock.advanceSeconds(100);
    assertEquals(42001, sandbox.tokenErrcode(first));
  }

  @Test
  void tokenPastItsTtlAnswers42001(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().tokenTtlSeconds(60)
        .tokenOverlapSeconds(10).build());
    String token = sandbox.token();

    sandbox.clock.advanceSeconds(59);
    assertEquals(0, sandbox.tokenErrcode(token));
    sandbox.clock.advanceSeconds(1);
    assertEquals(42001, sandbox.tokenErrcode(token));
  }

  @Test
  void tokenIssuedWithARealOneSecondTtlExpiresOnTheWallClock(Vertx vertx) throws InterruptedException {
    SandboxFixture sandbox = SandboxFixture.startOnWallClock(vertx,
        SandboxConfig.builder().tokenOverlapSeconds(0).tokenTtlSeconds(1).build());
    String token = sandbox.token();
    Thread.sleep(1100);

    assertEquals(42001, sandbox.tokenErrcode(token));
  }

  @Test
  void missingMalformedAndUnknownTokensAnswer41001And40014And40001(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    JsonObject qr = SandboxFixture.strSceneQr("s", 60);

    assertEquals(41001, sandbox.postJson("/cgi-bin/qrcode/create", qr).getInteger("errcode"));
    assertEquals(41001, sandbox.createQr("", qr).getInteger("errcode"));
    assertEquals(40014, sandbox.createQr("not-a-token", qr).getInteger("errcode"));
    assertEquals(40001, sandbox.createQr("89_" + "A".repeat(150), qr).getInteger("errcode"));
  }

  @Test
  void dailyQuotaAnswers45009UntilLocalMidnight(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().tokenDailyQuota(2).build());
    sandbox.token();
    sandbox.token();

    assertEquals(45009, sandbox.classicToken().getInteger("errcode"));
    sandbox.clock.advancePastMidnight();
    assertTrue(sandbox.classicToken().containsKey("access_token"));
  }
}
