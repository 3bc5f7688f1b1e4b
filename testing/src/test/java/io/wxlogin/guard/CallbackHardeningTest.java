package io.wxlogin.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 10: only WeChat can log anyone in, and only once per signed callback. */
class CallbackHardeningTest {

  private static final AtomicInteger NONCES = new AtomicInteger();
  static WxCluster cluster;

  @BeforeAll
  static void start() {
    cluster = WxCluster.builder().nodes(2).start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static String signedQuery(WxCluster c, long timestamp, String nonce) {
    String ts = String.valueOf(timestamp);
    return "signature=" + WxSignature.sign(c.sandbox().config().token(), ts, nonce) + "&timestamp=" + ts
        + "&nonce=" + nonce;
  }

  static String freshQuery(WxCluster c) {
    return signedQuery(c, System.currentTimeMillis() / 1000, "n" + NONCES.incrementAndGet());
  }

  static Http.Reply post(WxCluster c, WxNode node, String query, String body, String contentType) {
    return c.http().send("POST", node.url() + "/wechat/callback?" + query, body, "Content-Type", contentType);
  }

  private static Http.Reply post(String query, String body) {
    return post(cluster, cluster.node(1), query, body, "text/xml");
  }

  private static String scan(String scene, String openid) {
    return WxXml.event(cluster.sandbox().config().originalId(), openid, System.currentTimeMillis() / 1000,
        "subscribe", "qrscene_" + scene, "TICKET");
  }

  private static String status(String scene) {
    return cluster.node(0).poll(scene, 0).json().getString("status");
  }

  private static String openid(String tag) {
    return ("o_" + tag + "_" + "0".repeat(28)).substring(0, 28);
  }

  @Test
  void aReplayedSignedQueryWithAnotherBodyIs403AndChangesNothing() {
    String first = cluster.node(0).newQr().getString("scene");
    String victimsBrowser = cluster.node(0).newQr().getString("scene");
    String query = freshQuery(cluster);
    assertEquals(200, post(query, scan(first, openid("replay_a"))).status());
    String victim = openid("victim");
    Http.Reply replay = post(query, scan(victimsBrowser, victim));
    assertEquals(403, replay.status(), replay.body());
    assertEquals("replayed", replay.json().getString("error"));
    assertEquals("PENDING", status(victimsBrowser));
    assertEquals(Map.of(), cluster.store().hgetall(cluster.keys().user(victim)), "no user record for the victim");
  }

  @Test
  void theSameQueryAndBodyTwiceIsOneLoginAndTheSameReply() {
    String scene = cluster.node(0).newQr().getString("scene");
    String user = openid("retry");
    String query = freshQuery(cluster);
    String body = scan(scene, user);
    Http.Reply a = post(query, body);
    Http.Reply b = post(query, body);
    assertEquals(200, a.status());
    assertEquals(a.body(), b.body(), "WeChat's retry gets the same reply");
    assertEquals("1", cluster.store().hgetall(cluster.keys().user(user)).get("login_count"));
    assertEquals("CONFIRMED", status(scene));
  }

  @Test
  void aTimestampAnHourOldIs403() {
    String scene = cluster.node(0).newQr().getString("scene");
    Http.Reply old = post(signedQuery(cluster, System.currentTimeMillis() / 1000 - 3600, "old-1"),
        scan(scene, openid("old")));
    assertEquals(403, old.status());
    assertEquals("stale_timestamp", old.json().getString("error"));
    assertEquals("PENDING", status(scene));
  }

  @Test
  void looseXmlLogsNoOneIn() {
    String scene = cluster.node(0).newQr().getString("scene");
    String good = scan(scene, openid("strict"));
    List<String> bodies = List.of(
        "<!DOCTYPE xml>" + good,
        good.replace("<xml>", "<root>").replace("</xml>", "</root>"),
        good.replace("</xml>", "<EventKey><![CDATA[qrscene_other]]></EventKey></xml>"),
        good.replace(openid("strict"), ""),
        good.replace(openid("strict"), "<img src=x onerror=alert(1)>"),
        good.replace(openid("strict"), "o_with space_000000000000000"));
    for (String body : bodies) {
      Http.Reply r = post(freshQuery(cluster), body);
      assertTrue(r.status() == 400 || r.status() == 200 && r.body().equals("success"), r.status() + " " + r.body());
    }
    // 0xFF and 0xFE never occur in UTF-8: a lenient decoder would make them U+FFFD and read an openid anyway
    byte[] invalid = good.replace(openid("strict"), "o_\u00ff\u00fe_strict_0000000000000")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    BoundHttp.Reply bad = BoundHttp.sendBytes("127.0.0.1", "POST", cluster.node(1).url() + "/wechat/callback?"
        + freshQuery(cluster), invalid, "Content-Type", "text/xml");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("PENDING", status(scene), "no login from any of them");
    assertNull(cluster.store().hgetall("wxlogin:user:").get("login_count"), "no key for an empty openid");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    WxNode node = cluster.node(0);
    List<Http.Reply> answers = List.of(node.get("/"), node.get("/health"), node.get("/no/such/page"),
        cluster.http().send("POST", node.url() + "/api/login/qrcode", null), node.poll("unknown", 0),
        post("signature=x", "<xml/>"));
    for (Http.Reply r : answers) {
      String csp = r.header("Content-Security-Policy");
      assertTrue(csp != null && csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), csp);
      assertEquals("DENY", r.header("X-Frame-Options"));
      assertEquals("nosniff", r.header("X-Content-Type-Options"));
      assertEquals("no-referrer", r.header("Referrer-Policy"));
    }
  }

  @Test
  void metricsAndReadyAreOnlyOnTheManagementPort() {
    WxNode node = cluster.node(0);
    assertEquals(404, node.get("/metrics").status());
    assertEquals(404, node.get("/ready").status());
    assertEquals(200, node.get("/health").status());
    assertTrue(cluster.http().get(node.managementUrl() + "/metrics").body().contains("wxlogin_"));
    assertEquals(200, cluster.http().get(node.managementUrl() + "/ready").status());
    assertFalse(node.managementUrl().equals(node.url()));
  }

  @Test
  void theSandboxScanStillLogsIn() {
    JsonObject qr = cluster.node(0).newQr();
    JsonObject scan = cluster.scan(qr.getString("qrContent"), openid("sandbox"), true);
    assertEquals(200, scan.getInteger("httpStatus"), scan.encode());
    assertEquals("CONFIRMED", status(qr.getString("scene")));
  }
}
