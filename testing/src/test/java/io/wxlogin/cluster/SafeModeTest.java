package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.wechat.WxCrypto;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.ClusterTest;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import org.junit.jupiter.api.Test;

/** WeChat's safe mode: the event arrives encrypted and the reply goes back encrypted. */
class SafeModeTest extends ClusterTest {

  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  @Override
  protected WxCluster.Builder system() {
    return WxCluster.builder().nodes(2).sandboxEnv("SANDBOX_AES_KEY", AES_KEY);
  }

  @Test
  void anEncryptedScanLogsInAndTheEncryptedReplyDecodes() {
    JsonObject qr = cluster.node(0).newQr();
    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_safe_mode_user_0000000000001", null);
    assertEquals(200, scan.getInteger("httpStatus"));
    assertEquals(LoginTexts.NEW_USER, scan.getString("reply"), scan.encode());
    Http.Reply poll = cluster.node(0).get("/api/login/" + qr.getString("scene") + "?wait=0");
    assertEquals("CONFIRMED", new JsonObject(poll.body()).getString("status"));
  }

  @Test
  void theReplyToAnEncryptedEventIsEncryptedAndSignedForWeChat() throws Exception {
    JsonObject qr = cluster.node(1).newQr();
    String openid = "o_safe_mode_direct_000000000001";
    WxCrypto crypto = new WxCrypto(cluster.sandbox().config().appId(), AES_KEY);
    String event = WxXml.event(cluster.sandbox().config().originalId(), openid, System.currentTimeMillis() / 1000,
        "subscribe", "qrscene_" + qr.getString("scene"), "TICKET");
    String encrypt = crypto.encrypt(event);
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    String token = cluster.sandbox().config().token();
    String query = "signature=" + WxSignature.sign(token, ts, "991") + "&timestamp=" + ts + "&nonce=991"
        + "&encrypt_type=aes&msg_signature=" + WxSignature.sign(token, ts, "991", encrypt);
    Http.Reply r = cluster.http().send("POST", cluster.node(0).url() + "/wechat/callback?" + query,
        WxXml.encryptedRequest(cluster.sandbox().config().originalId(), encrypt), "Content-Type", "text/xml");
    assertEquals(200, r.status(), r.body());

    WxMessage envelope = WxXml.parse(r.body());
    assertNotNull(envelope.encrypt(), r.body());
    assertNull(envelope.content(), "no plaintext outside the encryption");
    assertTrue(WxSignature.verify(envelope.msgSignature(), token, String.valueOf(envelope.timeStamp()),
        envelope.nonce(), envelope.encrypt()));
    WxMessage reply = WxXml.parse(crypto.decrypt(envelope.encrypt()).message());
    assertEquals(openid, reply.toUserName());
    assertEquals(LoginTexts.NEW_USER, reply.content());
  }

  @Test
  void anEncryptedEventWithABadMsgSignatureIs403() {
    JsonObject qr = cluster.node(0).newQr();
    WxCrypto crypto = new WxCrypto(cluster.sandbox().config().appId(), AES_KEY);
    String encrypt = crypto.encrypt(WxXml.event(cluster.sandbox().config().originalId(), "o_x", 1L, "subscribe",
        "qrscene_" + qr.getString("scene"), "T"));
    String token = cluster.sandbox().config().token();
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    String query = "signature=" + WxSignature.sign(token, ts, "2") + "&timestamp=" + ts + "&nonce=2&encrypt_type=aes"
        + "&msg_signature=" + WxSignature.sign(token, ts, "2", encrypt + "x");
    Http.Reply r = cluster.http().send("POST", cluster.node(0).url() + "/wechat/callback?" + query,
        WxXml.encryptedRequest(cluster.sandbox().config().originalId(), encrypt), "Content-Type", "text/xml");
    assertEquals(403, r.status());
    assertEquals("PENDING", cluster.store().hgetall("wxlogin:scene:" + qr.getString("scene")).get("status"));
  }
}
