package io.wxlogin.sandbox.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StableTokenTest {

  @Test
  void normalModeReturnsTheSameTokenWithACountdownUntilItsLastOverlapThenANewOne(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    JsonObject first = sandbox.stableToken(false);
    sandbox.clock.advanceSeconds(100);
    JsonObject again = sandbox.stableToken(false);

    assertEquals(first.getString("access_token"), again.getString("access_token"));
    assertEquals(7200, first.getInteger("expires_in"));
    assertEquals(7100, again.getInteger("expires_in"));

    sandbox.clock.advanceSeconds(6799);
    JsonObject lastBeforeRotation = sandbox.stableToken(false);
    assertEquals(first.getString("access_token"), lastBeforeRotation.getString("access_token"));
    assertEquals(301, lastBeforeRotation.getInteger("expires_in"), "expires_in never drops below the overlap");

    sandbox.clock.advanceSeconds(1);
    JsonObject rotated = sandbox.stableToken(false);
    assertNotEquals(first.getString("access_token"), rotated.getString("access_token"));
    assertEquals(7200, rotated.getInteger("expires_in"));
    assertEquals(0, sandbox.tokenErrcode(first.getString("access_token")), "the old one lives to its own expiry");

    sandbox.clock.advanceSeconds(300);
    assertEquals(42001, sandbox.tokenErrcode(first.getString("access_token")));
    assertEquals(0, sandbox.tokenErrcode(rotated.getString("access_token")));
  }

  @Test
  void forceRefreshReturnsANewTokenAndKillsThePreviousAtOnce(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String old = sandbox.stableToken(false).getString("access_token");
    String forced = sandbox.stableToken(true).getString("access_token");

    assertNotEquals(old, forced);
    assertEquals(40001, sandbox.tokenErrcode(old));
    assertEquals(0, sandbox.tokenErrcode(forced));
    assertEquals(forced, sandbox.stableToken(false).getString("access_token"));
  }

  @Test
  void forceRefreshWithin30SecondsOfTheLastDoesNotRefresh(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String forced = sandbox.stableToken(true).getString("access_token");
    sandbox.clock.advanceSeconds(29);

    assertEquals(forced, sandbox.stableToken(true).getString("access_token"));
    sandbox.clock.advanceSeconds(1);
    assertNotEquals(forced, sandbox.stableToken(true).getString("access_token"));
  }

  @Test
  void forceRefreshIsLimitedTo20ADayThenAnswers45009UntilMidnight(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    for (int i = 0; i < 20; i++) {
      assertTrue(sandbox.stableToken(true).containsKey("access_token"), "force " + (i + 1) + " of 20");
      sandbox.clock.advanceSeconds(30);
    }

    assertEquals(45009, sandbox.stableToken(true).getInteger("errcode"));
    assertTrue(sandbox.stableToken(false).containsKey("access_token"), "normal mode is not limited by force");
    sandbox.clock.advancePastMidnight();
    assertTrue(sandbox.stableToken(true).containsKey("access_token"));
  }

  @Test
  void classicAndStableTokensNeverAffectEachOther(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String stable = sandbox.stableToken(false).getString("access_token");
    String classic = sandbox.token();
    sandbox.clock.advanceSeconds(31);
    sandbox.token();
    sandbox.stableToken(true);
    sandbox.clock.advanceSeconds(301);

    assertEquals(40001, sandbox.tokenErrcode(stable), "forced stable refresh killed the stable token");
    assertEquals(40001, sandbox.tokenErrcode(classic), "the second classic call ended the first after the overlap");
    String stableNow = sandbox.stableToken(false).getString("access_token");
    for (int i = 0; i < 3; i++) {
      sandbox.token();
    }
    sandbox.clock.advanceSeconds(301);
    assertEquals(0, sandbox.tokenErrcode(stableNow), "classic calls do not end a stable token");
  }

  @Test
  void wrongCredentialsAndBadJsonAnswerWeChatErrcodes(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    JsonObject good = new JsonObject().put("grant_type", "client_credential").put("appid", sandbox.config.appId())
        .put("secret", sandbox.config.appSecret());

    assertEquals(40125, sandbox.postJson("/cgi-bin/stable_token", good.copy().put("secret", "nope"))
        .getInteger("errcode"));
    assertEquals(40013, sandbox.postJson("/cgi-bin/stable_token", good.copy().put("appid", "wx1"))
        .getInteger("errcode"));
    assertEquals(40002, sandbox.postJson("/cgi-bin/stable_token", good.copy().put("grant_type", "x"))
        .getInteger("errcode"));
    assertEquals(47001, sandbox.post("/cgi-bin/stable_token", "{not json").bodyAsJsonObject().getInteger("errcode"));
    assertEquals(47001, sandbox.postJson("/cgi-bin/stable_token", good.copy().put("force_refresh", "yes"))
        .getInteger("errcode"));
  }

  @Test
  void dailyQuotaCountsStableCallsSeparatelyFromClassicOnes(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().tokenDailyQuota(1).build());
    sandbox.token();

    assertTrue(sandbox.stableToken(false).containsKey("access_token"));
    assertEquals(45009, sandbox.stableToken(false).getInteger("errcode"));
  }
}
