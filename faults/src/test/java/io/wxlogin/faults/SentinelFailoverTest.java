package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.RedisClusterServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code REDIS_MODE=sentinel} against three {@code redis-sentinel} processes watching a master and its
 * replica, and a forced {@code SENTINEL FAILOVER} while users are logging in.
 */
class SentinelFailoverTest {

  @RegisterExtension
  final Fleet fleet = new Fleet();

  @Test
  void everyProcessFollowsTheNewMasterAndLoginsComplete() throws Exception {
    Store.Sentinel store = fleet.add(new Store.Sentinel());
    WxSystem wx = WxSystem.on(fleet, store).tokenServers(2).tokenEnv("TOKEN_LEASE_SECONDS", "3").start();
    wx.assertSessionWorks(wx.login(0, "o_fault_sentinel_before_000001"));
    JsonObject during = wx.newQr(0);
    JsonObject after = wx.newQr(1);
    CompletableFuture<Http.Reply> pollDuring = wx.pollAsync(0, during.getString("scene"), 25);
    CompletableFuture<Http.Reply> pollAfter = wx.pollAsync(1, after.getString("scene"), 25);
    wx.awaitParked(during.getString("scene"), 0);
    wx.awaitParked(after.getString("scene"), 1);
    int old = store.sentinel.masterPort();

    // a user scans while the failover runs: a scan-again reply is allowed in the switch-over window
    CompletableFuture<Http.Reply> scanDuring = wx.scanAsync(during.getString("qrContent"),
        "o_fault_sentinel_during_000001");
    int promoted = store.sentinel.failover();
    assertNotEquals(old, promoted);
    String reply = WxSystem.says(Http.join(scanDuring));
    if (WxSystem.TRY_AGAIN.equals(reply)) {
      reply = wx.scanAsTold(during.getString("qrContent"), "o_fault_sentinel_during_000001");
    }
    assertTrue(List.of(WxSystem.NEW_USER, WxSystem.SAME_USER).contains(reply), reply);
    assertEquals(WxSystem.NEW_USER,
        WxSystem.says(wx.scan(after.getString("qrContent"), "o_fault_sentinel_after_0000001")));
    confirmed(wx, pollDuring, 0, during.getString("scene"));
    confirmed(wx, pollAfter, 1, after.getString("scene"));

    // every process follows: both nodes subscribed on the new master, the lease renewed there
    for (int i = 0; i < 2; i++) {
      String channel = "wxlogin:node:" + WxSystem.nodeId(i);
      Eventually.await(30, () -> RedisClusterServer.cli(promoted, "pubsub", "numsub", channel).endsWith("\n1"),
          channel + " is subscribed on the new master");
    }
    Eventually.await(30, () -> RedisClusterServer.cli(promoted, "pubsub", "numsub", "wxlogin:token-refresh")
        .endsWith("\n2"), "both token-servers are subscribed on the new master");
    String holder = RedisClusterServer.cli(promoted, "get", wx.leaseKey());
    long pttl = Long.parseLong(RedisClusterServer.cli(promoted, "pttl", wx.leaseKey()));
    Eventually.await(10, () -> Long.parseLong(RedisClusterServer.cli(promoted, "pttl", wx.leaseKey())) > pttl,
        holder + " renews its lease on the new master");
    wx.assertSessionWorks(wx.login(1, "o_fault_sentinel_later_0000001"));
    assertEquals(4, Consistency.assertConsistent(store));
  }

  private static void confirmed(WxSystem wx, CompletableFuture<Http.Reply> held, int node, String scene) {
    Http.Reply r = Http.join(held);
    JsonObject login = r.status() == 200 && "CONFIRMED".equals(r.json().getString("status")) ? r.json()
        : wx.awaitConfirmed(node, scene);
    wx.assertSessionWorks(login.getJsonObject("session").getString("token"));
  }
}
