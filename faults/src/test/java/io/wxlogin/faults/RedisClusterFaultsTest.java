package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.RedisClusterServer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code REDIS_MODE=cluster} on three masters with a replica each: a master killed with {@code -9} (its
 * replica promoted), the slot of a login in progress migrated to another master, and a login node killed
 * between a scan's claim and its confirmation (cluster mode runs them as separate one-slot steps).
 */
class RedisClusterFaultsTest {

  @RegisterExtension
  final Fleet fleet = new Fleet();

  @Test
  void loginsCompleteAcrossASlotMigrationAndAMasterFailover() throws Exception {
    Store.Cluster store = fleet.add(new Store.Cluster(1));
    WxSystem wx = WxSystem.on(fleet, store).start();
    JsonObject migrated = wx.newQr(0);
    JsonObject failedOver = wx.newQr(0);
    CompletableFuture<Http.Reply> pollA = wx.pollAsync(0, migrated.getString("scene"), 25);
    CompletableFuture<Http.Reply> pollB = wx.pollAsync(0, failedOver.getString("scene"), 25);
    wx.awaitParked(migrated.getString("scene"), 0);
    wx.awaitParked(failedOver.getString("scene"), 0);

    // the scene's slot moves to another master while its browser waits
    String keyA = WxSystem.sceneKey(migrated.getString("scene"));
    int slotA = RedisClusterServer.slotOf(store.cluster.livePorts().get(0), keyA);
    int from = store.masterOf(keyA);
    int to = store.masters().stream().filter(p -> p != from).findFirst().orElseThrow();
    store.cluster.migrateSlot(slotA, to);
    assertEquals(to, store.masterOf(keyA));
    assertEquals(WxSystem.NEW_USER,
        WxSystem.says(wx.scan(migrated.getString("qrContent"), "o_fault_cluster_migrate_0000001")));
    assertConfirmed(wx, pollA, migrated.getString("scene"));

    // the master holding the other scene dies; its replica takes over
    String keyB = WxSystem.sceneKey(failedOver.getString("scene"));
    int slotB = RedisClusterServer.slotOf(store.cluster.livePorts().get(0), keyB);
    int dead = store.masterOf(keyB);
    store.cluster.kill(dead);
    int promoted = store.cluster.awaitSlotServed(slotB);
    assertNotEquals(dead, promoted);
    // until the client has learnt the new topology (its slot map is refreshed within about a second) a scan
    // may be answered "busy, scan again"; scanning again as told then works
    String said = wx.scanAsTold(failedOver.getString("qrContent"), "o_fault_cluster_failover_000001");
    assertTrue(WxSystem.NEW_USER.equals(said) || WxSystem.SAME_USER.equals(said), said);
    assertConfirmed(wx, pollB, failedOver.getString("scene"));

    wx.assertSessionWorks(wx.login(0, "o_fault_cluster_after_00000001"));
    wx.assertSessionWorks(wx.login(1, "o_fault_cluster_after_00000002"));
    assertEquals(4, Consistency.assertConsistent(store));
  }

  @Test
  void everyChannelIsShardedSoAMessageCrossesOnlyItsShard() throws Exception {
    Store.Cluster store = fleet.add(new Store.Cluster(0));
    WxSystem wx = WxSystem.on(fleet, store).start();
    wx.assertSessionWorks(wx.login(0, "o_fault_cluster_sharded_000001"));
    wx.assertSessionWorks(wx.login(1, "o_fault_cluster_sharded_000002"));
    // WeChat retires the token: a node reports it on token-refresh, the token-server announces the new one
    String before = wx.storedToken().get("access_token");
    wx.expireWeChatTokens();
    wx.newQr(0);
    assertNotEquals(before, wx.storedToken().get("access_token"));

    long spublish = 0;
    for (int master : store.masters()) {
      assertEquals(0, RedisClusterServer.commandCalls(master, "publish"), "no classic PUBLISH on " + master);
      assertEquals(0, RedisClusterServer.commandCalls(master, "subscribe"), "no classic SUBSCRIBE on " + master);
      spublish += RedisClusterServer.commandCalls(master, "spublish");
    }
    // two confirmations, a refresh request and a token announcement at least (plus heartbeats)
    assertTrue(spublish >= 4, "SPUBLISH calls on all masters: " + spublish);
    for (String channel : new String[] {"wxlogin:node:node-0", "wxlogin:node:node-1", "wxlogin:token-updated",
        "wxlogin:token-refresh"}) {
      int owner = store.masterOf(channel);
      assertTrue(store.cliAt(owner, "pubsub", "shardnumsub", channel).endsWith("\n" + (channel.contains("token-updated")
          ? 2 : 1)), channel + " is subscribed on the master of its slot");
    }
  }

  private static void assertConfirmed(WxSystem wx, CompletableFuture<Http.Reply> held, String scene) {
    Http.Reply r = Http.join(held);
    JsonObject login = r.status() == 200 && "CONFIRMED".equals(r.json().getString("status")) ? r.json()
        : wx.awaitConfirmed(0, scene);
    wx.assertSessionWorks(login.getJsonObject("session").getString("token"));
  }

  @Test
  void aNodeKilledBetweenClaimAndConfirmIsFinishedByWeChatsRetryOnAnotherNode() throws Exception {
    Store.Cluster store = fleet.add(new Store.Cluster(1));
    WxSystem wx = WxSystem.on(fleet, store).start();
    // freeze the user's shard: the callback's node (node 1, the balancer's primary) claims the scene and then
    // waits on the user record; once Redis shows the claim, that node is frozen, Redis resumed, the node killed.
    // The callback's replay check writes a key of its own first; when that key's slot is on the frozen shard too,
    // the user is told to scan again before any claim, and the scenario starts over with a new QR code.
    JsonObject qr = null;
    String scene = null;
    String openid = null;
    int sceneMaster = 0;
    CompletableFuture<Http.Reply> held = null;
    CompletableFuture<Http.Reply> scan = null;
    Spawned.Foreign userRedis = null;
    for (int attempt = 1; attempt <= 6; attempt++) {
      qr = wx.newQr(0);
      scene = qr.getString("scene");
      held = wx.pollAsync(0, scene, 25);
      wx.awaitParked(scene, 0);
      sceneMaster = store.masterOf(WxSystem.sceneKey(scene));
      openid = userOnAnotherMaster(store, sceneMaster, attempt);
      int userMaster = store.masterOf("wxlogin:user:" + openid);
      userRedis = fleet.add(new Spawned.Foreign("redis-" + userMaster, store.cluster.pid(userMaster)));
      userRedis.pause();
      scan = wx.scanAsync(qr.getString("qrContent"), openid);
      String key = WxSystem.sceneKey(scene);
      int master = sceneMaster;
      String user = openid;
      CompletableFuture<Http.Reply> sent = scan;
      Eventually.await(10, () -> sent.isDone() || user.equals(store.cliAt(master, "hget", key, "openid")),
          "the scene is claimed, or the scan answered");
      if (!scan.isDone()) {
        break;
      }
      userRedis.resume();
      assertEquals(WxSystem.TRY_AGAIN, WxSystem.says(Http.join(scan)), "refused before the claim: scan again");
      assertTrue(attempt < 6, "the replay check's key kept landing on the frozen shard");
    }
    String finalScene = scene;
    int finalMaster = sceneMaster;
    wx.nodes.get(1).pause();
    userRedis.resume();
    assertEquals("PENDING", store.cliAt(finalMaster, "hget", WxSystem.sceneKey(finalScene), "status"),
        "claimed, not confirmed");
    wx.nodes.get(1).kill9();

    JsonObject answer = Http.join(scan).json();
    assertEquals(WxSystem.NEW_USER, WxSystem.says(answer), "WeChat's re-sent event finished the login: " + answer);
    assertTrue(answer.getInteger("attempts") >= 2, "it took WeChat's retry: " + answer);
    assertConfirmed(wx, held, scene);
    assertEquals("1", store.hgetall("wxlogin:user:" + openid).get("login_count"), "counted once");
    assertEquals(1, Consistency.assertConsistent(store));
  }

  /** An openid whose user key lives on another master than the scene. */
  private static String userOnAnotherMaster(Store.Cluster store, int sceneMaster, int attempt) {
    for (int i = 0; i < 100; i++) {
      String openid = String.format("o_fault_claim_kill_%02d%010d", attempt, i);
      if (store.masterOf("wxlogin:user:" + openid) != sceneMaster) {
        return openid;
      }
    }
    throw new IllegalStateException("no openid on another master");
  }
}
