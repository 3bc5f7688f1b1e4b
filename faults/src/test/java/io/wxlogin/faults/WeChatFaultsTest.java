package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WeChat's servers unreachable (the sandbox killed) and slow (the sandbox's delay faults). */
class WeChatFaultsTest {

  @RegisterExtension
  final Fleet fleet = new Fleet();

  /** A QR request that WeChat cannot serve gets a JSON error the page can show, never a hang. */
  private static void assertBoundedError(Http.Reply r) {
    assertTrue(r.status() == 502 || r.status() == 503, "a WeChat failure is a 502/503: " + r);
    assertNotNull(r.json().getString("error"), r.toString());
  }

  @Test
  void unreachableWeChatKeepsTheTokenAndRecovers() throws Exception {
    Store store = fleet.add(new Store.Standalone(fleet.dir()));
    WxSystem wx = WxSystem.on(fleet, store).nodes(1).start();
    String token = wx.storedToken().get("access_token");

    wx.sandbox.kill9();
    assertBoundedError(wx.http.post(wx.node(0) + "/api/login/qrcode", "", 15));
    // even told that the token failed, the token-server cannot replace it: it keeps the stored one
    wx.reportRefusedToken(token);
    Eventually.await(30, () -> wx.tokenServers.get(0).logSinceStart().contains("WeChat token API"),
        "the token-server tried WeChat and backs off");
    assertEquals(token, wx.storedToken().get("access_token"), "the token is kept until it expires");
    assertTrue(Long.parseLong(wx.store.cli("pttl", wx.tokenKey())) > 0);

    // WeChat is back (and has forgotten the token): the node reports 40001, the token-server refreshes
    wx.sandbox.restart();
    wx.sandbox.awaitLog("listening on");
    wx.newQr(0);
    wx.assertSessionWorks(wx.login(0, "o_fault_wechat_down_0000000001"));
    Consistency.assertConsistent(store);
  }

  @Test
  void slowWeChatGetsBoundedAnswersAndTheTokenIsKept() throws Exception {
    Store store = fleet.add(new Store.Standalone(fleet.dir()));
    WxSystem wx = WxSystem.on(fleet, store).nodes(1).start();
    String token = wx.storedToken().get("access_token");

    wx.wechatFault(new JsonObject().put("api", "/cgi-bin/qrcode/create").put("delayMs", 8000).put("count", 1));
    assertBoundedError(wx.http.post(wx.node(0) + "/api/login/qrcode", "", 15));

    // the token API is slower than the token-server's deadline: the refresh fails and the token is kept
    wx.wechatFault(new JsonObject().put("api", "/cgi-bin/stable_token").put("delayMs", 8000).put("count", 2));
    wx.reportRefusedToken(token);
    Eventually.await(30, () -> wx.tokenServers.get(0).logSinceStart().contains("WeChat token API"),
        "the token-server's WeChat call ran out of time");
    assertEquals(token, wx.storedToken().get("access_token"), "the token is kept until it expires");
    // meanwhile logins go on with the kept token
    wx.assertSessionWorks(wx.login(0, "o_fault_wechat_slow_0000000001"));
    Consistency.assertConsistent(store);
  }
}
