package io.wxlogin.sandbox.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxFixture;
import io.wxlogin.wechat.WeChatApi;
import io.wxlogin.wechat.WeChatException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared client the servers use, pointed at the sandbox: same answers as WeChat, same error kinds. */
@ExtendWith(VertxExtension.class)
class WeChatApiAgainstSandboxTest {

  private static WeChatException failure(Future<?> call) {
    Throwable t;
    try {
      call.await(20, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (Exception e) {
      t = e;
    }
    return assertInstanceOf(WeChatException.class, t);
  }

  private static JsonObject fault(String api, int errcode) {
    return new JsonObject().put("api", api).put("errcode", errcode);
  }

  @Test
  void fetchesTokensAndCreatesAQrThatTheSandboxKnows(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    WeChatApi api = new WeChatApi(vertx, sandbox.base(), 5000);

    WeChatApi.AccessToken classic = SandboxFixture.await(api.classicToken(sandbox.config.appId(),
        sandbox.config.appSecret()));
    WeChatApi.AccessToken stable = SandboxFixture.await(api.stableToken(sandbox.config.appId(),
        sandbox.config.appSecret(), false));
    WeChatApi.QrTicket qr = SandboxFixture.await(api.createTemporaryQr(stable.value(), "scene-1", 180));

    assertEquals(7200, classic.expiresIn());
    assertEquals(180, qr.expireSeconds());
    assertTrue(qr.url().startsWith("http://weixin.qq.com/q/"), "the client unescaped \\/ in " + qr.url());
    assertEquals(200, sandbox.get("/cgi-bin/showqrcode?ticket=" + SandboxFixture.encode(qr.ticket())).statusCode());
  }

  @Test
  void errcodesMapToTheKindOfActionTheCallerMustTake(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    WeChatApi api = new WeChatApi(vertx, sandbox.base(), 5000);
    String appId = sandbox.config.appId();

    WeChatException wrongSecret = failure(api.classicToken(appId, "wrong"));
    assertEquals(40125, wrongSecret.errcode());
    assertEquals(WeChatException.Kind.CONFIG, wrongSecret.kind());

    String token = SandboxFixture.await(api.classicToken(appId, sandbox.config.appSecret())).value();
    sandbox.postJson("/sandbox/expire-tokens", new JsonObject().put("as", "expired"));
    WeChatException expired = failure(api.createTemporaryQr(token, "s", 60));
    assertEquals(42001, expired.errcode());
    assertEquals(WeChatException.Kind.TOKEN_INVALID, expired.kind());

    sandbox.postJson("/sandbox/faults", fault("/cgi-bin/stable_token", 45009));
    assertEquals(WeChatException.Kind.QUOTA, failure(api.stableToken(appId, sandbox.config.appSecret(), false)).kind());
    sandbox.postJson("/sandbox/faults", fault("/cgi-bin/stable_token", -1));
    assertEquals(WeChatException.Kind.BUSY, failure(api.stableToken(appId, sandbox.config.appSecret(), false)).kind());
  }

  @Test
  void delayFaultLongerThanTheClientTimeoutIsUnreachableThenTheNextCallWorks(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    WeChatApi api = new WeChatApi(vertx, sandbox.base(), 300);
    sandbox.postJson("/sandbox/faults", new JsonObject().put("api", "/cgi-bin/token").put("delayMs", 3000));

    WeChatException slow = failure(api.classicToken(sandbox.config.appId(), sandbox.config.appSecret()));

    assertEquals(WeChatException.Kind.UNREACHABLE, slow.kind());
    assertEquals(7200, SandboxFixture.await(api.classicToken(sandbox.config.appId(), sandbox.config.appSecret()))
        .expiresIn());
  }
}
