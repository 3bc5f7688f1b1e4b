package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.RedisMode;
import io.wxlogin.testing.ClusterTest;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What arrives at /wechat/callback, from WeChat or from anyone else. */
abstract class WeChatCallback extends ClusterTest {

  /** Every scenario runs on a standalone Redis and on a Redis Cluster (one subclass each, one cluster each). */
  abstract RedisMode redisMode();

  @Override
  protected WxCluster.Builder system() {
    return WxCluster.builder().nodes(2).redisMode(redisMode());
  }

  /** Callbacks must carry a timestamp near now (the replay window); each push its own nonce. */
  private static String now() {
    return String.valueOf(System.currentTimeMillis() / 1000);
  }

  private String signedQuery(String timestamp, String nonce) {
    return "signature=" + WxSignature.sign(cluster.sandbox().config().token(), timestamp, nonce)
        + "&timestamp=" + timestamp + "&nonce=" + nonce;
  }

  private Http.Reply post(WxNode node, String query, String body) {
    return cluster.http().send("POST", node.url() + "/wechat/callback?" + query, body, "Content-Type", "text/xml");
  }

  private String scanEvent(String scene, String openid, long createTime) {
    return WxXml.event(cluster.sandbox().config().originalId(), openid, createTime, "subscribe", "qrscene_" + scene, "TICKET");
  }

  @Test
  void urlVerificationEchoesOnlyWhenSigned() {
    Http.Reply ok = cluster.node(0).get("/wechat/callback?" + signedQuery("1714036504", "1514711492")
        + "&echostr=4375120948345356249");
    assertEquals(200, ok.status());
    assertEquals("4375120948345356249", ok.body());
    Http.Reply forged = cluster.node(0).get("/wechat/callback?signature=f464b24fc39322e44b38aa78f5edd27bd1441696"
        + "&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249");
    assertEquals(403, forged.status());
  }

  @Test
  void aForgedSignatureIs403AndLeavesTheSceneAlone() {
    JsonObject qr = cluster.node(0).newQr();
    String scene = qr.getString("scene");
    Map<String, String> before = cluster.store().hgetall(cluster.keys().scene(scene));
    String body = scanEvent(scene, "o_forger_0000000000000000000001", 1714036504L);
    String forged = "signature=" + "0".repeat(40) + "&timestamp=1714036504&nonce=1";
    assertEquals(403, post(cluster.node(0), forged, body).status());
    assertEquals(403, post(cluster.node(1), "timestamp=1714036504&nonce=1", body).status());
    assertEquals(before, cluster.store().hgetall(cluster.keys().scene(scene)));
    assertTrue(cluster.http().get(cluster.node(0).managementUrl() + "/metrics").body()
        .contains("wxlogin_callbacks_refused_total{reason=\"bad_signature\"}"), "an operator can see forgeries");
    assertEquals("PENDING", new JsonObject(cluster.node(0).get("/api/login/" + scene + "?wait=0").body())
        .getString("status"));
  }

  @Test
  void anXxeBodyIsRefusedWithoutReadingTheFile() throws Exception {
    Path secret = Files.createTempFile("wxlogin-xxe", ".txt");
    Files.writeString(secret, "TOP-SECRET-MARKER");
    String body = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<xml><ToUserName>gh_x</ToUserName><FromUserName>&xxe;</FromUserName><CreateTime>1</CreateTime>"
        + "<MsgType>text</MsgType><Content>hi</Content></xml>";
    Http.Reply r = post(cluster.node(0), signedQuery(now(), "77"), body);
    assertEquals(400, r.status());
    assertFalse(r.body().contains("TOP-SECRET-MARKER"));
  }

  @Test
  void anEntityExpansionBodyIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY ").append((char) ('a' + i)).append(" \"")
          .append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    String body = dtd + "<xml><Content>&j;</Content></xml>";
    assertEquals(400, post(cluster.node(0), signedQuery(now(), "78"), body).status());
  }

  @Test
  void aTwoMebibyteBodyIs413() {
    String body = "<xml><Content>" + "x".repeat(2 * 1024 * 1024) + "</Content></xml>";
    assertEquals(413, post(cluster.node(1), signedQuery(now(), "79"), body).status());
  }

  @Test
  void oneEventDeliveredThreeTimesToDifferentNodesGetsIdenticalRepliesAndCountsOnce() {
    JsonObject qr = cluster.node(0).newQr();
    String scene = qr.getString("scene");
    String openid = "o_triple_delivery_00000000000001";
    String body = scanEvent(scene, openid, System.currentTimeMillis() / 1000);
    String query = signedQuery(now(), "4242");
    String r1 = post(cluster.node(1), query, body).body();
    String r2 = post(cluster.node(0), query, body).body();
    String r3 = post(cluster.node(1), query, body).body();
    assertEquals(r1, r2);
    assertEquals(r1, r3);
    WxMessageAssert.isText(r1, openid, LoginTexts.NEW_USER);
    assertEquals("1", cluster.store().hgetall(cluster.keys().user(openid)).get("login_count"));
    assertEquals(200, cluster.node(0).get("/api/login/" + scene + "?wait=0").status());
  }

  @Test
  void eachScanReplyNamesItsOutcomeInAHeaderForMachines() {
    JsonObject qr = cluster.node(0).newQr();
    String scene = qr.getString("scene");
    long now = System.currentTimeMillis() / 1000;
    String query = signedQuery(String.valueOf(now), "5151");
    Http.Reply first = post(cluster.node(1), query, scanEvent(scene, "o_outcome_user_0000000000001", now));
    assertEquals("logged_in", first.header("X-Wxlogin-Outcome"), first.body());
    assertEquals("logged_in", post(cluster.node(0), query, scanEvent(scene, "o_outcome_user_0000000000001", now))
        .header("X-Wxlogin-Outcome"), "a retry names the first outcome");
    // every other push is its own callback, with its own nonce (one signed query is good for one body)
    assertEquals("taken", post(cluster.node(0), signedQuery(String.valueOf(now), "5152"),
        scanEvent(scene, "o_outcome_other_000000000001", now + 1)).header("X-Wxlogin-Outcome"));
    assertEquals("same_user", post(cluster.node(1), signedQuery(String.valueOf(now), "5153"),
        scanEvent(scene, "o_outcome_user_0000000000001", now + 2)).header("X-Wxlogin-Outcome"));
    assertEquals("expired", post(cluster.node(1), signedQuery(String.valueOf(now), "5154"),
        scanEvent("0".repeat(32), "o_outcome_user_0000000000001", now + 3)).header("X-Wxlogin-Outcome"));
    JsonObject again = cluster.node(1).newQr();
    assertEquals("returning", post(cluster.node(0), signedQuery(String.valueOf(now), "5155"),
        scanEvent(again.getString("scene"), "o_outcome_user_0000000000001", now + 4)).header("X-Wxlogin-Outcome"));
  }

  @Test
  void otherMessagesAndEventsAreAnsweredSuccess() {
    String text = "<xml><ToUserName><![CDATA[gh_sandbox000001]]></ToUserName><FromUserName><![CDATA[o_someone]]>"
        + "</FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[hello]]></Content><MsgId>1234567890123456</MsgId></xml>";
    Http.Reply r = post(cluster.node(0), signedQuery(now(), "5"), text);
    assertEquals(200, r.status());
    assertEquals("success", r.body());
    String unknownScene = scanEvent("ffffffffffffffffffffffffffffffff", "o_x", 1L).replace("qrscene_ffff", "qrscene_ffff");
    assertTrue(post(cluster.node(0), signedQuery(now(), "6"), unknownScene).body().contains("二维码已过期"));
  }

  /** Reads a plaintext passive reply. */
  static final class WxMessageAssert {
    static void isText(String xml, String toUser, String content) {
      try {
        WxMessage reply = WxXml.parse(xml);
        assertEquals(toUser, reply.toUserName());
        assertEquals("text", reply.msgType());
        assertEquals(content, reply.content());
      } catch (Exception e) {
        throw new AssertionError("not a text reply: " + xml, e);
      }
    }
  }
}
