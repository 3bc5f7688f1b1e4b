package io.wxlogin.bench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackSignerTest {

  private final CallbackSigner signer = new CallbackSigner("sandboxtoken", "gh_sandbox000001");

  @Test
  void queryCarriesASignatureTheNodeAccepts() {
    Map<String, String> q = parse(signer.query(1714036504L, "1514711492"));
    assertEquals("1714036504", q.get("timestamp"));
    assertEquals("1514711492", q.get("nonce"));
    assertTrue(WxSignature.verify(q.get("signature"), "sandboxtoken", q.get("timestamp"), q.get("nonce")));
  }

  @Test
  void signsWithTheOfficialAlgorithm() {
    // docs/wechat.md §1.1, vector V1
    assertEquals("signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492",
        new CallbackSigner("AAAAA", "gh_x").query(1714036504L, "1514711492"));
  }

  @Test
  void aFollowerScansWithTheBareScene() throws Exception {
    WxMessage m = WxXml.parse(signer.scanEvent("o_user", "0123456789abcdef0123456789abcdef", "TICKET", true, 1700000000L));
    assertTrue(m.isEvent("SCAN"));
    assertEquals("0123456789abcdef0123456789abcdef", m.eventKey());
    assertEquals("o_user", m.fromUserName());
    assertEquals("gh_sandbox000001", m.toUserName());
  }

  @Test
  void aNewFollowerSubscribesWithTheQrscenePrefix() throws Exception {
    WxMessage m = WxXml.parse(signer.scanEvent("o_user", "0123456789abcdef0123456789abcdef", "TICKET", false, 1700000000L));
    assertTrue(m.isEvent("subscribe"));
    assertEquals("qrscene_0123456789abcdef0123456789abcdef", m.eventKey());
  }

  @Test
  void theTemplateReadsAsWhatTheXmlWriterWrites() throws Exception {
    WxMessage fast = WxXml.parse(signer.scanEvent("o_user", "0123456789abcdef", "gQH47joAAAAAAAAAASxodHRw==", false, 1700000000L));
    WxMessage slow = WxXml.parse(WxXml.event("gh_sandbox000001", "o_user", 1700000000L, "subscribe",
        "qrscene_0123456789abcdef", "gQH47joAAAAAAAAAASxodHRw=="));
    assertEquals(slow, fast);
  }

  @Test
  void aValueThatNeedsEscapingGoesThroughTheXmlWriter() throws Exception {
    WxMessage m = WxXml.parse(signer.scanEvent("o_user", "scene", "a]]>b<c", true, 1700000000L));
    assertEquals("a]]>b<c", m.ticket());
  }

  @Test
  void aTextMessageCarriesContentAndMsgId() throws Exception {
    WxMessage m = WxXml.parse(signer.textMessage("o_user", "1", 24681357911L, 1700000001L));
    assertEquals("text", m.msgType());
    assertEquals("1", m.content());
    assertEquals(24681357911L, m.msgId());
    assertEquals("o_user", m.fromUserName());
    assertEquals("gh_sandbox000001", m.toUserName());
    assertEquals(1700000001L, m.createTime());
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> q = new HashMap<>();
    for (String kv : query.split("&")) {
      String[] p = kv.split("=", 2);
      q.put(p[0], p[1]);
    }
    return q;
  }
}
