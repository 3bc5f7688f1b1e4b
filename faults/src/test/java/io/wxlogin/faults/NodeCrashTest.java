package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A login node killed with {@code -9} while browsers' polls are parked on it. */
class NodeCrashTest {

  @RegisterExtension
  final Fleet fleet = new Fleet();

  @Test
  void pollsParkedOnAKilledNodeCompleteThroughAnotherNode() throws Exception {
    Store store = fleet.add(new Store.Standalone(fleet.dir()));
    WxSystem wx = WxSystem.on(fleet, store).start();
    JsonObject waiting = wx.newQr(0);
    JsonObject scannedMeanwhile = wx.newQr(0);
    CompletableFuture<Http.Reply> first = wx.pollAsync(0, waiting.getString("scene"), 25);
    CompletableFuture<Http.Reply> second = wx.pollAsync(0, scannedMeanwhile.getString("scene"), 25);
    wx.awaitParked(waiting.getString("scene"), 0);
    wx.awaitParked(scannedMeanwhile.getString("scene"), 0);

    wx.nodes.get(0).kill9();
    assertEquals(-1, Http.join(first).status(), "the parked poll dies with its node (the browser re-polls)");
    assertEquals(-1, Http.join(second).status());

    // browser 1 re-polls through the balancer, which now sends it to node 1, before the user scans
    CompletableFuture<Http.Reply> repoll = wx.pollAsync(1, waiting.getString("scene"), 25);
    wx.awaitParked(waiting.getString("scene"), 1);
    assertEquals(WxSystem.NEW_USER,
        WxSystem.says(wx.scan(waiting.getString("qrContent"), "o_fault_node_kill_000000000001")));
    Http.Reply woken = Http.join(repoll);
    assertEquals(200, woken.status(), woken.toString());
    assertEquals("CONFIRMED", woken.json().getString("status"));
    wx.assertSessionWorks(woken.json().getJsonObject("session").getString("token"));

    // user 2 scans while nobody holds the poll (its node is dead): the next poll anywhere finds the login
    assertEquals(WxSystem.NEW_USER,
        WxSystem.says(wx.scan(scannedMeanwhile.getString("qrContent"), "o_fault_node_kill_000000000002")));
    JsonObject late = wx.awaitConfirmed(1, scannedMeanwhile.getString("scene"));
    wx.assertSessionWorks(late.getJsonObject("session").getString("token"));
    assertEquals(410, wx.poll(1, scannedMeanwhile.getString("scene"), 0).status(), "consumed exactly once");

    assertEquals(2, Consistency.assertConsistent(store));
  }
}
