package io.wxlogin.sandbox.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ExpireTokensTest {

  @Test
  void expireTokensMakesEveryIssuedTokenAnswer40001AndTheNextCallsIssueFreshOnes(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String classic = sandbox.token();
    String stable = sandbox.stableToken(false).getString("access_token");

    JsonObject answer = sandbox.post("/sandbox/expire-tokens", "").bodyAsJsonObject();

    assertEquals(2, answer.getInteger("tokens"));
    assertEquals(40001, sandbox.tokenErrcode(classic));
    assertEquals(40001, sandbox.tokenErrcode(stable));
    String newStable = sandbox.stableToken(false).getString("access_token");
    assertNotEquals(stable, newStable);
    assertEquals(0, sandbox.tokenErrcode(newStable));
    assertEquals(0, sandbox.tokenErrcode(sandbox.token()));
  }

  @Test
  void expireTokensAsExpiredMakesThemAnswer42001(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String classic = sandbox.token();

    sandbox.postJson("/sandbox/expire-tokens", new JsonObject().put("as", "expired"));

    assertEquals(42001, sandbox.tokenErrcode(classic));
  }

  @Test
  void expireTokensRefusesAnUnknownMode(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);

    assertEquals(400, sandbox.post("/sandbox/expire-tokens", "{\"as\":\"gone\"}").statusCode());
  }
}
