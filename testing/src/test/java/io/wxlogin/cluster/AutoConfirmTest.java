package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.login.confirm.ReplyTexts;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LOGIN_CONFIRM=auto (the default): the scan logs in at once and the reply names the browser; a "0" from that
 * user within the window logs that browser out on every node. The browser polls node 0, WeChat's callbacks
 * reach node 1.
 */
class AutoConfirmTest {

  static WxCluster cluster;
  static ConfirmFlow flow;

  @BeforeAll
  static void start() {
    cluster = WxCluster.builder().nodes(2).start();
    flow = new ConfirmFlow(cluster);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Logs {@code openid} in through a poll held on node 0; the session token. */
  private String logIn(String openid) {
    JsonObject qr = flow.qr(cluster.node(0));
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
    cluster.node(0).awaitParked(1);
    flow.scan(qr, openid);
    return ConfirmFlow.token(WxNode.answer(held));
  }

  @Test
  void theScanReplyNamesTheBrowserOfTheQrRequestAndHowToUndoIt() {
    JsonObject qr = flow.qr(cluster.node(0));
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
    cluster.node(0).awaitParked(1);

    String reply = flow.scan(qr, "o_auto_names_browser_00000000001");

    assertTrue(reply.startsWith("你正在 Windows 上的 Chrome（IP 127.0.0.*）登录 网站。"), reply);
    assertTrue(reply.contains("登录成功，欢迎！"), reply);
    assertTrue(reply.endsWith("不是你本人？10 分钟内回复 0 让该浏览器退出"), reply);
    assertEquals("CONFIRMED", ConfirmFlow.status(WxNode.answer(held)));
  }

  @Test
  void zeroWithinTheWindowEndsTheSessionOnBothNodes() {
    String openid = "o_auto_revokes_000000000000001";
    String token = logIn(openid);
    assertEquals(200, flow.session(cluster.node(0), token));
    assertEquals(200, flow.session(cluster.node(1), token));

    String reply = flow.message(openid, "0");

    assertTrue(reply.startsWith("已让 Windows 上的 Chrome（IP 127.0.0.*）退出 网站。"), reply);
    assertEquals(401, flow.session(cluster.node(0), token));
    assertEquals(401, flow.session(cluster.node(1), token));
    assertEquals(ReplyTexts.alreadyEnded(), flow.message(openid, "0"), "a second 0 finds nothing more to end");
  }

  @Test
  void zeroFromAnotherOpenidChangesNothing() {
    String token = logIn("o_auto_victim_0000000000000001");

    String reply = flow.message("o_auto_someone_else_00000000001", "0");

    assertEquals(ReplyTexts.nothingToRefuse(), reply);
    assertEquals(200, flow.session(cluster.node(0), token));
    assertEquals(200, flow.session(cluster.node(1), token));
  }

  @Test
  void zeroBeforeTheBrowserPolledRefusesTheLoginInstead() {
    String openid = "o_auto_revokes_before_poll_0001";
    JsonObject qr = flow.qr(cluster.node(0));
    flow.scan(qr, openid);

    assertTrue(flow.message(openid, "0").startsWith("已让 Windows 上的 Chrome"));

    Http.Reply poll = cluster.node(0).poll(qr.getString("scene"), 0);
    assertEquals(200, poll.status(), poll.body());
    assertEquals("REFUSED", ConfirmFlow.status(poll), "the browser never gets a session");
    assertEquals("REFUSED", ConfirmFlow.status(cluster.node(1).poll(qr.getString("scene"), 0)));
  }

  @Test
  void oneInAutoModeHasNothingToConfirm() {
    String openid = "o_auto_says_one_00000000000001";
    String token = logIn(openid);

    assertEquals(ReplyTexts.alreadyConfirmed(), flow.message(openid, "1"));
    assertEquals(ReplyTexts.nothingToConfirm(), flow.message("o_auto_never_scanned_000000001", "1"));
    assertEquals(200, flow.session(cluster.node(1), token));
  }

  @Test
  void otherTextsAreNotAnswered() {
    JsonObject answer = cluster.sandbox().post("/sandbox/message", new JsonObject()
        .put("openid", "o_auto_chatty_0000000000000001").put("content", "你好")).json();

    assertEquals("success", answer.getString("reply"));
  }
}
