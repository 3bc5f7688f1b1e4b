package io.wxlogin.sandbox.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxFixture;
import io.wxlogin.wechat.WxMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plaintext-mode scans: events, follower registry, replies, expired and unknown codes. */
@ExtendWith(VertxExtension.class)
class ScanTest {

  private static JsonObject scanOf(String ticket, String openid) {
    return new JsonObject().put("ticket", ticket).put("openid", openid);
  }

  private static String qr(SandboxFixture sandbox, String scene) {
    return sandbox.createQr(sandbox.token(), SandboxFixture.strSceneQr(scene, 180)).getString("ticket");
  }

  @Test
  void firstScanPushesSubscribeWithQrscenePrefixThenTheSameUserGetsScan(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SandboxConfig.defaults());
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());
    String ticket = qr(sandbox, "login-42");
    String openid = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";

    JsonObject first = sandbox.postJson("/sandbox/scan", scanOf(ticket, openid));

    WxMessage subscribe = node.lastEvent();
    assertEquals("subscribe", subscribe.event());
    assertEquals("event", subscribe.msgType());
    assertEquals("qrscene_login-42", subscribe.eventKey());
    assertEquals(ticket, subscribe.ticket());
    assertEquals("gh_sandbox000001", subscribe.toUserName());
    assertEquals(openid, subscribe.fromUserName());
    assertEquals(200, first.getInteger("httpStatus"));
    assertEquals("hi qrscene_login-42", first.getString("reply"));
    assertEquals("subscribe", first.getString("event"));
    assertEquals(1, first.getInteger("attempts"));

    JsonObject second = sandbox.postJson("/sandbox/scan", scanOf(ticket, openid));

    assertEquals("SCAN", node.lastEvent().event());
    assertEquals("login-42", node.lastEvent().eventKey());
    assertEquals("hi login-42", second.getString("reply"));
    assertTrue(node.received.get(1).uri().contains("openid=" + openid), "the query names the user");
  }

  @Test
  void scanWithoutOpenidInventsARealisticOneAndScanByQrContentWorks(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SandboxConfig.defaults());
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());
    JsonObject qr = sandbox.createQr(sandbox.token(), new JsonObject().put("action_name", "QR_SCENE")
        .put("action_info", new JsonObject().put("scene", new JsonObject().put("scene_id", 123))));

    JsonObject result = sandbox.postJson("/sandbox/scan", new JsonObject().put("qrContent", qr.getString("url")));

    assertTrue(result.getString("openid").matches("o[A-Za-z0-9_-]{27}"), result.getString("openid"));
    assertEquals("qrscene_123", node.lastEvent().eventKey());
  }

  @Test
  void followerFlagOverridesTheRegistry(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SandboxConfig.defaults());
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());
    String ticket = qr(sandbox, "s");

    sandbox.postJson("/sandbox/scan", scanOf(ticket, "oNewUserWhoAlreadyFollows00001").put("follower", true));
    assertEquals("SCAN", node.lastEvent().event());
    sandbox.postJson("/sandbox/scan", scanOf(ticket, "oNewUserWhoAlreadyFollows00001").put("follower", false));
    assertEquals("subscribe", node.lastEvent().event(), "a follower who unfollowed and follows again");
  }

  @Test
  void successAndEmptyRepliesAreReportedAsIs(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SandboxConfig.defaults()).replying(e -> "success");
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());
    String ticket = qr(sandbox, "s");

    assertEquals("success", sandbox.postJson("/sandbox/scan", scanOf(ticket, "oA")).getString("reply"));
    node.replying(e -> "");
    JsonObject empty = sandbox.postJson("/sandbox/scan", scanOf(ticket, "oA"));
    assertEquals("", empty.getString("reply"));
    assertTrue(!empty.containsKey("replyError"));
  }

  @Test
  void malformedReplyIsReportedWithWhyWeChatWouldRefuseIt(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SandboxConfig.defaults()).replying(e -> "{\"ok\":true}");
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());
    String ticket = qr(sandbox, "s");

    JsonObject result = sandbox.postJson("/sandbox/scan", scanOf(ticket, "oA"));
    assertNull(result.getString("reply"));
    assertTrue(result.getString("replyError").contains("not WeChat XML"), result.getString("replyError"));

    node.replying(e -> "<xml><ToUserName><![CDATA[someoneElse]]></ToUserName><FromUserName><![CDATA["
        + e.toUserName() + "]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[hi]]></Content></xml>");
    assertTrue(sandbox.postJson("/sandbox/scan", scanOf(ticket, "oA")).getString("replyError").contains("ToUserName"));
  }

  @Test
  void expiredQrAnswers410AndPushesNothingUnlessForced(Vertx vertx) {
    FakeLoginNode node = FakeLoginNode.start(vertx, SandboxConfig.defaults());
    SandboxFixture sandbox = SandboxFixture.start(vertx, SandboxConfig.builder().callbackUrl(node.callbackUrl()).build());
    String ticket = qr(sandbox, "late");
    sandbox.clock.advanceSeconds(180);

    assertEquals(410, sandbox.post("/sandbox/scan", scanOf(ticket, "oA").encode()).statusCode());
    assertEquals(0, node.received.size());

    JsonObject forced = sandbox.postJson("/sandbox/scan", scanOf(ticket, "oA").put("force", true));
    assertEquals(200, forced.getInteger("httpStatus"));
    assertEquals("qrscene_late", node.lastEvent().eventKey());
  }

  @Test
  void unknownQrAndBadRequestsAreRefused(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);

    assertEquals(404, sandbox.post("/sandbox/scan", scanOf("nope", "oA").encode()).statusCode());
    assertEquals(404, sandbox.post("/sandbox/scan", "{\"qrContent\":\"http://weixin.qq.com/q/x\"}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/scan", "{}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/scan", "{\"ticket\":\"t\",\"follower\":\"yes\"}").statusCode());
    assertEquals(400, sandbox.post("/sandbox/scan", "not json").statusCode());
  }
}
