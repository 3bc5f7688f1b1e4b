package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two token-servers under a 3 s lease: the holder killed with {@code -9}, and the holder frozen
 * ({@code SIGSTOP}) in the middle of a refresh until its lease has passed to the standby.
 */
class TokenServerCrashTest {

  private static final int LEASE_SECONDS = 3;

  @RegisterExtension
  final Fleet fleet = new Fleet();

  private WxSystem start() throws Exception {
    Store store = fleet.add(new Store.Standalone(fleet.dir()));
    return WxSystem.on(fleet, store).nodes(1).tokenServers(2)
        .tokenEnv("TOKEN_LEASE_SECONDS", String.valueOf(LEASE_SECONDS))
        // a frozen holder must still read WeChat's answer when it wakes, not time out on its own clock
        .tokenEnv("WECHAT_API_TIMEOUT_MS", "60000")
        .start();
  }

  private static int index(String serverId) {
    return Integer.parseInt(serverId.substring("token-".length()));
  }

  @Test
  void theStandbyTakesTheLeaseOfAKilledHolderAndRefreshesOnDemand() throws Exception {
    WxSystem wx = start();
    String holder = wx.store.cli("get", wx.leaseKey());
    assertTrue(List.of("token-0", "token-1").contains(holder), "one server holds the lease: " + holder);
    String standby = holder.equals("token-0") ? "token-1" : "token-0";

    long killedAt = System.nanoTime();
    wx.tokenServers.get(index(holder)).kill9();
    Eventually.await(4 * LEASE_SECONDS, () -> standby.equals(wx.store.cli("get", wx.leaseKey())),
        standby + " holds the lease");
    System.out.printf("[fault] lease taken over %d ms after kill -9 (lease %d s)%n",
        (System.nanoTime() - killedAt) / 1_000_000, LEASE_SECONDS);

    // WeChat retires the token: the node's QR call gets 40001, reports it, and the new holder refreshes
    String before = wx.storedToken().get("access_token");
    wx.expireWeChatTokens();
    wx.newQr(0);
    assertNotEquals(before, wx.storedToken().get("access_token"), "a new token was stored");
    assertEquals(standby, wx.storedToken().get("refreshed_by"));
    wx.assertSessionWorks(wx.login(0, "o_fault_token_kill_00000000001"));
    Consistency.assertConsistent(wx.store);
  }

  @Test
  void aHolderFrozenPastItsLeaseHasItsLateWriteRefused() throws Exception {
    WxSystem wx = start();
    String holder = wx.store.cli("get", wx.leaseKey());
    String standby = holder.equals("token-0") ? "token-1" : "token-0";
    Spawned frozen = wx.tokenServers.get(index(holder));
    String before = wx.storedToken().get("access_token");

    // the holder starts a refresh whose WeChat answer takes 4 s, and is frozen while it waits for it
    wx.expireWeChatTokens();
    wx.wechatFault(new JsonObject().put("api", "/cgi-bin/stable_token").put("delayMs", 4000).put("count", 1));
    int calls = wx.wechatCalls("/cgi-bin/stable_token");
    wx.reportRefusedToken(before);
    Eventually.await(10, () -> wx.wechatCalls("/cgi-bin/stable_token") > calls, holder + " is calling WeChat");
    frozen.pause();
    Eventually.await(4 * LEASE_SECONDS, () -> standby.equals(wx.store.cli("get", wx.leaseKey())),
        standby + " holds the lease while " + holder + " is frozen");
    frozen.resume();

    Eventually.await(20, () -> frozen.logSinceStart().contains("token write refused"),
        holder + " tries to store WeChat's late answer and is refused");
    var stored = wx.storedToken();
    assertTrue(before.equals(stored.get("access_token")) || standby.equals(stored.get("refreshed_by")),
        "the stored token is the old one or the standby's, never the frozen holder's late one");
    assertEquals(standby, wx.store.cli("get", wx.leaseKey()), "the lease stays with " + standby);

    // the old token is dead at WeChat: the node reports it and the standby, now holder, refreshes
    wx.newQr(0);
    assertEquals(standby, wx.storedToken().get("refreshed_by"));
    wx.assertSessionWorks(wx.login(0, "o_fault_token_stop_00000000001"));
    Consistency.assertConsistent(wx.store);
  }
}
