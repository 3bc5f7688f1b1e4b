package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.login.confirm.LoginRequester;
import io.wxlogin.login.confirm.ReplyTexts;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LOGIN_CONFIRM=reply: the scan only marks the login SCANNED and asks; the user's "1" logs the browser in, "0"
 * refuses it for good. The browser polls node 0, WeChat's callbacks reach node 1.
 */
class ReplyConfirmTest {

  static final LoginRequester CHROME = new LoginRequester("Chrome", "Windows", "127.0.0.*", null);

  static WxCluster cluster;
  static ConfirmFlow flow;

  @BeforeAll
  static void start() {
    cluster = WxCluster.builder().nodes(2).nodeEnv("LOGIN_CONFIRM", "reply").start();
    flow = new ConfirmFlow(cluster);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void thePollHearsScannedThenConfirmedAfterTheUserRepliesOne() {
    String openid = "o_reply_confirms_0000000000001";
    JsonObject qr = flow.qr(cluster.node(0));
    String scene = qr.getString("scene");
    CompletableFuture<Http.Reply> first = cluster.node(0).pollAsync(scene, 20);
    cluster.node(0).awaitParked(1);

    assertEquals(ReplyTexts.askToConfirm(CHROME), flow.scan(qr, openid));
    Http.Reply scanned = WxNode.answer(first);
    assertEquals(200, scanned.status());
    assertEquals(new JsonObject().put("status", "SCANNED"), scanned.json(), "SCANNED carries no session");

    CompletableFuture<Http.Reply> second = cluster.node(0).pollAsync(scene, 20);
    cluster.node(0).awaitParked(1);
    assertFalse(second.isDone(), "the next poll waits for the user's answer");

    assertEquals(ReplyTexts.confirmed(CHROME, true), flow.message(openid, "1"));
    String token = ConfirmFlow.token(WxNode.answer(second));
    assertEquals(200, flow.session(cluster.node(1), token));
    assertEquals(410, cluster.node(1).poll(scene, 0).status(), "consumed once");
  }

  @Test
  void zeroRefusesTheLoginAndTheQrCodeCannotBeUsedAgain() {
    String openid = "o_reply_refuses_00000000000001";
    JsonObject qr = flow.qr(cluster.node(0));
    String scene = qr.getString("scene");
    flow.scan(qr, openid);
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(scene, 20);
    assertEquals("SCANNED", ConfirmFlow.status(WxNode.answer(held)));
    CompletableFuture<Http.Reply> waiting = cluster.node(0).pollAsync(scene, 20);
    cluster.node(0).awaitParked(1);

    assertEquals(ReplyTexts.refused(CHROME), flow.message(openid, "0"));

    assertEquals("REFUSED", ConfirmFlow.status(WxNode.answer(waiting)));
    assertEquals(ReplyTexts.alreadyEnded(), flow.message(openid, "1"), "a later 1 cannot revive it");
    assertEquals("REFUSED", ConfirmFlow.status(cluster.node(1).poll(scene, 0)));
    assertTrue(flow.scan(qr, "o_reply_second_scanner_000001").contains("已被其他微信号使用"));
    assertEquals("REFUSED", ConfirmFlow.status(cluster.node(0).poll(scene, 0)));
  }

  @Test
  void oneFromAnotherOpenidDoesNothing() {
    String openid = "o_reply_owner_0000000000000001";
    JsonObject qr = flow.qr(cluster.node(0));
    String scene = qr.getString("scene");
    flow.scan(qr, openid);
    assertEquals("SCANNED", ConfirmFlow.status(cluster.node(0).poll(scene, 0)));
    assertEquals(ReplyTexts.askToConfirm(CHROME), flow.scan(qr, openid), "scanning again asks again");

    assertEquals(ReplyTexts.nothingToConfirm(), flow.message("o_reply_attacker_000000000001", "1"));

    assertEquals("SCANNED", ConfirmFlow.status(cluster.node(0).poll(scene, 0)), "still waiting for its owner");
    assertEquals(ReplyTexts.confirmed(CHROME, true), flow.message(openid, "1"));
    assertEquals("CONFIRMED", ConfirmFlow.status(cluster.node(0).poll(scene, 0)));
  }

  @Test
  void aOneThatArrivesBetweenTwoPollsIsNotLost() {
    String openid = "o_reply_between_polls_0000001";
    JsonObject qr = flow.qr(cluster.node(0));
    String scene = qr.getString("scene");
    flow.scan(qr, openid);
    assertEquals("SCANNED", ConfirmFlow.status(cluster.node(0).poll(scene, 0)));
    assertEquals(0, cluster.node(0).parkedPolls());

    flow.message(openid, "1");

    Http.Reply next = cluster.node(1).poll(scene, 20);
    assertEquals(200, flow.session(cluster.node(0), ConfirmFlow.token(next)));
  }

  @Test
  void aTextRetriedByWeChatIsAnsweredIdenticallyAndActsOnce() {
    String openid = "o_reply_retried_text_00000001";
    JsonObject qr = flow.qr(cluster.node(0));
    String scene = qr.getString("scene");
    flow.scan(qr, openid);
    SignedText text = SignedText.of(cluster, openid, "1", 4242424242424242L);

    Http.Reply first = text.postTo(cluster.node(1));
    Http.Reply retry = text.postTo(cluster.node(0));

    assertEquals(200, first.status(), first.body());
    assertEquals(first.body(), retry.body(), "the same reply, byte for byte");
    assertEquals("confirmed", retry.header("X-Wxlogin-Outcome"));
    assertEquals("1", cluster.store().hgetall(cluster.keys().user(openid)).get("login_count"), "one login");
    assertEquals("CONFIRMED", ConfirmFlow.status(cluster.node(0).poll(scene, 0)));
    assertEquals(ReplyTexts.alreadyConfirmed(), flow.message(openid, "1"), "another 1 is another message");
  }
}
