package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis killed with {@code -9} and started again, without persistence and with AOF: what a logged-in user
 * and a user in the middle of a login see afterwards is exactly what docs/faults.md promises.
 */
class RedisRestartTest {

  @RegisterExtension
  final Fleet fleet = new Fleet();

  private record Before(String session, String pendingScene, String pendingQrContent,
      CompletableFuture<Http.Reply> pendingPoll, String token) {
  }

  private Before loggedInAndPending(WxSystem wx) {
    String session = wx.login(0, "o_fault_redis_restart_00000001");
    JsonObject pending = wx.newQr(0);
    CompletableFuture<Http.Reply> poll = wx.pollAsync(0, pending.getString("scene"), 25);
    wx.awaitParked(pending.getString("scene"), 0);
    return new Before(session, pending.getString("scene"), pending.getString("qrContent"), poll,
        wx.storedToken().get("access_token"));
  }

  private int sessionStatus(WxSystem wx, String token) {
    return wx.http.send(HttpRequest.newBuilder(URI.create(wx.node(1) + "/api/session"))
        .header("Authorization", "Bearer " + token).GET(), 10).status();
  }

  @Test
  void withoutPersistenceUsersLogInAgainAndTheTokenIsRefetched() throws Exception {
    Store.Standalone store = fleet.add(new Store.Standalone(fleet.dir()));
    WxSystem wx = WxSystem.on(fleet, store).start();
    Before before = loggedInAndPending(wx);

    store.crashAndRestart();

    Http.Reply held = Http.join(before.pendingPoll());
    assertEquals(404, held.status(), "the parked poll learns its QR code is gone: " + held);
    assertEquals("EXPIRED", held.json().getString("status"));
    Eventually.await(30, () -> sessionStatus(wx, before.session()) == 401, "the session is gone");
    Eventually.await(30, () -> !wx.storedToken().isEmpty(), "the token-server stored a token again");
    JsonObject lateScan = wx.scan(before.pendingQrContent(), "o_fault_redis_restart_00000002");
    assertEquals(WxSystem.EXPIRED, WxSystem.says(lateScan), "scanning the lost QR code says it expired");
    // the page shows a new QR code; the login completes without restarting any server
    wx.assertSessionWorks(wx.login(0, "o_fault_redis_restart_00000001"));
    assertEquals(1, Consistency.assertConsistent(store));
  }

  @Test
  void withAofEverythingSurvivesAndThePendingLoginCompletes() throws Exception {
    Store.Standalone store = fleet.add(new Store.Standalone(fleet.dir(), "--save", "", "--appendonly", "yes",
        "--appendfsync", "always"));
    WxSystem wx = WxSystem.on(fleet, store).start();
    Before before = loggedInAndPending(wx);

    store.crashAndRestart();

    Eventually.await(30, () -> sessionStatus(wx, before.session()) == 200, "the session survived");
    assertEquals(before.token(), wx.storedToken().get("access_token"), "the token survived unchanged");
    // the browser's poll is still parked (or re-polls): the scan after the restart completes the login
    assertEquals(WxSystem.NEW_USER,
        WxSystem.says(wx.scan(before.pendingQrContent(), "o_fault_redis_restart_00000002")));
    Http.Reply held = Http.join(before.pendingPoll());
    JsonObject login = held.status() == 200 && "CONFIRMED".equals(held.json().getString("status")) ? held.json()
        : wx.awaitConfirmed(0, before.pendingScene());
    String token = login.getJsonObject("session").getString("token");
    assertNotEquals(before.session(), token);
    wx.assertSessionWorks(token);
    assertEquals(2, Consistency.assertConsistent(store));
  }
}
