package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis frozen with {@code SIGSTOP} for 10 s (a stalled VM, a fork on a huge dataset): its sockets stay open
 * and nothing answers, which no connection error reveals; then {@code SIGCONT}.
 */
class RedisPauseTest {

  @RegisterExtension
  final Fleet fleet = new Fleet();

  @Test
  void aFrozenRedisGetsScanAgainRepliesAnd503sThenEverythingRecovers() throws Exception {
    Store.Standalone store = fleet.add(new Store.Standalone(fleet.dir()));
    WxSystem wx = WxSystem.on(fleet, store).start();
    JsonObject qr = wx.newQr(0);
    String scene = qr.getString("scene");
    JsonObject other = wx.newQr(1);
    CompletableFuture<Http.Reply> held = wx.pollAsync(0, scene, 25);
    wx.awaitParked(scene, 0);

    long pausedAt = System.nanoTime();
    store.process.pause();
    CompletableFuture<Http.Reply> pollDuringFreeze;
    try {
      JsonObject scan = wx.scan(qr.getString("qrContent"), "o_fault_redis_pause_0000000001");
      assertEquals(WxSystem.TRY_AGAIN, WxSystem.says(scan), "the user is told to scan again: " + scan);
      assertEquals(1, scan.getInteger("attempts"), "answered before WeChat's 5 s deadline, so never re-sent");
      Http.Reply qr2 = wx.http.post(wx.node(1) + "/api/login/qrcode", "", 15);
      assertEquals(503, qr2.status(), qr2.toString());
      // a Redis timeout is the login service being unavailable, not WeChat being slow
      assertEquals("unavailable", qr2.json().getString("error"), qr2.toString());
      System.out.println("[fault] a QR request while Redis is frozen: 503 " + qr2.json().getString("error"));
      // a poll may consume a login, so it waits for Redis longer (15 s) than this freeze lasts
      pollDuringFreeze = wx.pollAsync(1, other.getString("scene"), 0);
      long left = 10_000 - (System.nanoTime() - pausedAt) / 1_000_000;
      if (left > 0) {
        Thread.sleep(left);
      }
    } finally {
      store.process.resume();
    }
    Http.Reply late = Http.join(pollDuringFreeze);
    assertEquals(200, late.status(), "the poll sent during the freeze is answered once Redis wakes: " + late);
    assertEquals("PENDING", late.json().getString("status"));

    // If the scan's script was already on its way when Redis froze, Redis runs it on waking: the browser is then
    // logged in although the phone said "scan again", and scanning again says it is already done.
    JsonObject again = wx.scan(qr.getString("qrContent"), "o_fault_redis_pause_0000000001");
    assertTrue(List.of(WxSystem.NEW_USER, WxSystem.SAME_USER).contains(WxSystem.says(again)), again.toString());
    System.out.println("[fault] second scan after the freeze: " + (WxSystem.SAME_USER.equals(WxSystem.says(again))
        ? "already logged in (the frozen script ran on waking)" : "logged in now"));
    Http.Reply first = Http.join(held);
    JsonObject login = first.status() == 200 && "CONFIRMED".equals(first.json().getString("status"))
        ? first.json() : wx.awaitConfirmed(0, scene);
    wx.assertSessionWorks(login.getJsonObject("session").getString("token"));

    // no restart: both nodes serve new logins
    wx.assertSessionWorks(wx.login(0, "o_fault_redis_pause_0000000002"));
    wx.assertSessionWorks(wx.login(1, "o_fault_redis_pause_0000000003"));
    assertEquals(3, Consistency.assertConsistent(store));
  }
}
