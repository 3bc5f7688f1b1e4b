package io.wxlogin.wechat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WxXmlTest {

  private static final String SUBSCRIBE_VIA_QR = """
      <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
      <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
      <CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType>
      <Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_123123]]></EventKey>
      <Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==]]></Ticket>
      </xml>""";

  @Test
  void subscribeViaParametricQrKeepsThePrefixedSceneAndTicket() throws Exception {
    WxMessage m = WxXml.parse(SUBSCRIBE_VIA_QR);
    assertAll(
        () -> assertEquals("gh_97417a04a28d", m.toUserName()),
        () -> assertEquals("o9AgO5Kd5ggOC-bXrbNODIiE3bGY", m.fromUserName()),
        () -> assertEquals(1714112445L, m.createTime()),
        () -> assertEquals("event", m.msgType()),
        () -> assertEquals("subscribe", m.event()),
        () -> assertTrue(m.isEvent("subscribe")),
        () -> assertFalse(m.isEvent("SCAN")),
        () -> assertEquals("qrscene_123123", m.eventKey()),
        () -> assertEquals("gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==",
            m.ticket()),
        () -> assertNull(m.msgId()),
        () -> assertNull(m.encrypt()));
  }

  @Test
  void scanByAFollowerCarriesTheBareScene() throws Exception {
    WxMessage m = WxXml.parse("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
        + "<CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event>"
        + "<EventKey><![CDATA[123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket></xml>");
    assertTrue(m.isEvent("SCAN"));
    assertFalse(m.isEvent("scan"), "event names are case-sensitive");
    assertEquals("123123", m.eventKey());
    assertEquals("TICKET", m.ticket());
  }

  @Test
  void textMessageWithMsgIdAndUnknownElements() throws Exception {
    WxMessage m = WxXml.parse("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
        + "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[this is a test]]></Content><MsgId>4363689963896700987</MsgId>"
        + "<MsgDataId>xxxx</MsgDataId><Idx>1</Idx><Video><MediaId><![CDATA[m]]></MediaId></Video></xml>");
    assertEquals("text", m.msgType());
    assertEquals("this is a test", m.content());
    assertEquals(4363689963896700987L, m.msgId());
    assertFalse(m.isEvent("subscribe"));
    assertNull(m.event());
  }

  @Test
  void emptyCdataEventKeyIsEmptyStringAndAbsentIsNull() throws Exception {
    WxMessage plain = WxXml.parse("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
        + "<CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"
        + "<EventKey><![CDATA[]]></EventKey></xml>");
    assertEquals("", plain.eventKey());
    assertNull(plain.ticket());
    assertEquals("", WxXml.parse("<xml><EventKey></EventKey></xml>").eventKey());
    assertEquals("", WxXml.parse("<xml><EventKey/></xml>").eventKey());
    assertNull(WxXml.parse("<xml><Event><![CDATA[unsubscribe]]></Event></xml>").eventKey());
  }

  @Test
  void textKeepsItsSpacesAndMarkup() throws Exception {
    WxMessage m = WxXml.parse("<xml><Content><![CDATA[  two  spaces <b>&amp; \n line ]]></Content>"
        + "<EventKey>a &lt;b&gt; &amp; c</EventKey></xml>");
    assertEquals("  two  spaces <b>&amp; \n line ", m.content());
    assertEquals("a <b> & c", m.eventKey());
  }

  @Test
  void safeModeEnvelopeHasOnlyToUserNameAndEncrypt() throws Exception {
    WxMessage m = WxXml.parse("<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<Encrypt><![CDATA["
        + Vectors.V6.DECRYPT_ENCRYPT + "]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>");
    assertEquals("wx49f0ab532d5d035a", m.toUserName());
    assertEquals(Vectors.V6.DECRYPT_ENCRYPT, m.encrypt());
    assertNull(m.fromUserName());
    assertNull(m.msgType());
  }

  @Test
  void deliveryIdIsMsgIdForMessagesAndSenderPlusTimeForEvents() throws Exception {
    WxMessage text = WxXml.parse("<xml><FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1</CreateTime>"
        + "<MsgType><![CDATA[text]]></MsgType><MsgId>42</MsgId></xml>");
    WxMessage event = WxXml.parse(SUBSCRIBE_VIA_QR);
    WxMessage retry = WxXml.parse(SUBSCRIBE_VIA_QR.replace("\n", "")); // WeChat re-sends the same payload
    WxMessage otherUser = WxXml.parse(SUBSCRIBE_VIA_QR.replace("o9AgO5Kd5ggOC-bXrbNODIiE3bGY", "oOther"));
    WxMessage later = WxXml.parse(SUBSCRIBE_VIA_QR.replace("1714112445", "1714112446"));
    assertEquals("msg:42", text.deliveryId());
    WxMessage otherQrSameSecond = WxXml.parse(SUBSCRIBE_VIA_QR.replace("qrscene_", "qrscene_x"));
    assertTrue(event.deliveryId().startsWith("evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1714112445:subscribe:qrscene_"),
        event.deliveryId());
    assertFalse(event.deliveryId().equals(otherQrSameSecond.deliveryId()));
    assertEquals(event.deliveryId(), retry.deliveryId());
    assertFalse(event.deliveryId().equals(otherUser.deliveryId()));
    assertFalse(event.deliveryId().equals(later.deliveryId()));
  }

  @Test
  void xxeBodyFailsAndTheFileNeverShowsUp(@TempDir Path dir) throws Exception {
    String marker = "WXLOGIN-SECRET-" + UUID.randomUUID();
    Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
    String uri = secret.toUri().toString();
    String[] bodies = {
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + uri + "\">]>"
            + "<xml><ToUserName>&xxe;</ToUserName><Content>&xxe;</Content></xml>",
        "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + uri + "\">]><xml><Content><![CDATA[x]]>&xxe;</Content></xml>",
        "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"" + uri + "\"> %p;]><xml><Content>&p;</Content></xml>",
        "<!DOCTYPE xml SYSTEM \"" + uri + "\"><xml><Content>x</Content></xml>",
    };
    for (String body : bodies) {
      try {
        WxMessage m = WxXml.parse(body);
        assertFalse(String.valueOf(m).contains(marker), "file content leaked into " + m);
        assertTrue(body.contains("SYSTEM \"" + uri + "\"><xml>"),
            "only a bare external DTD may be tolerated (it is ignored); entity bodies must fail: " + body);
      } catch (WxXmlException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertFalse(String.valueOf(t.getMessage()).contains(marker), "file content leaked into " + t);
        }
      }
    }
    assertThrows(WxXmlException.class, () -> WxXml.parse(bodies[0]));
  }

  @Test
  void billionLaughsFailsFast() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    String body = dtd + "]><xml><Content>&lol10;</Content></xml>";
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(WxXmlException.class, () -> WxXml.parse(body)));
  }

  @Test
  void externalDtdAndEntitiesAreNeverFetched() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (true) {
          try (Socket s = listener.accept()) {
            connections.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String base = "http://127.0.0.1:" + listener.getLocalPort();
      String[] bodies = {
          "<!DOCTYPE xml SYSTEM \"" + base + "/evil.dtd\"><xml><Content>x</Content></xml>",
          "<!DOCTYPE xml PUBLIC \"-//X//EN\" \"" + base + "/public.dtd\"><xml><Content>x</Content></xml>",
          "<!DOCTYPE xml [<!ENTITY % remote SYSTEM \"" + base + "/param.dtd\"> %remote;]><xml><Content>x</Content></xml>",
          "<!DOCTYPE xml [<!ENTITY ext SYSTEM \"" + base + "/entity\">]><xml><Content>&ext;</Content></xml>",
      };
      for (String body : bodies) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
          try {
            WxXml.parse(body);
          } catch (WxXmlException expected) {
            // failing is fine; fetching is not
          }
        });
      }
      Thread.sleep(200);
      assertEquals(0, connections.get(), "the parser connected to the DTD/entity URL");
    }
  }

  @Test
  void notAWeChatDocumentIsWxXmlException() {
    String[] bad = {null, "", "   ", "hello", "{\"ToUserName\":\"gh_1\"}", "<xml><ToUserName>unterminated",
        "<xml><CreateTime>yesterday</CreateTime></xml>", "<xml><MsgId>1.5</MsgId></xml>",
        "<a></b>", "\u0000<xml/>", "<xml><MsgId>99999999999999999999</MsgId></xml>"};
    for (String body : bad) {
      assertThrows(WxXmlException.class, () -> WxXml.parse(body), String.valueOf(body));
    }
  }

  @Test
  void documentWithNoKnownFieldsIsAnEmptyMessageNeverNull() throws Exception {
    for (String body : new String[] {"<xml/>", "<xml></xml>", "<xml>text only</xml>", "<xml><Foo>1</Foo></xml>"}) {
      WxMessage m = WxXml.parse(body);
      assertNotNull(m, body);
      assertEquals(new WxMessage(null, null, null, null, null, null, null, null, null, null, null, null, null), m);
      assertEquals("evt:null:null:null:null", m.deliveryId());
    }
  }

  @Test
  void replyWithControlCharactersIsStillAParseableDocument() throws Exception {
    WxMessage in = WxXml.parse(SUBSCRIBE_VIA_QR);
    String xml = WxXml.textReply(in, 1L, "a\u0001b\u0000c\u001fd\uD800e\uFFFEf\tg 😀");
    assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\tg 😀", WxXml.parse(xml).content(), xml);
    String event = WxXml.event("gh_1", "o\u0007", 1L, "subscribe", "qrscene_\u0000", null);
    assertEquals("qrscene_\uFFFD", WxXml.parse(event).eventKey());
  }

  @Test
  void textReplySwapsUserNamesInWeChatsElementOrder() throws Exception {
    WxMessage in = WxXml.parse(SUBSCRIBE_VIA_QR);
    String xml = WxXml.textReply(in, 1460541339L, "hello");
    assertEquals("<xml><ToUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></ToUserName>"
        + "<FromUserName><![CDATA[gh_97417a04a28d]]></FromUserName><CreateTime>1460541339</CreateTime>"
        + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>", xml);
  }

  @Test
  void replyContentWithCdataTerminatorAndMarkupRoundTrips() throws Exception {
    WxMessage in = WxXml.parse(SUBSCRIBE_VIA_QR);
    for (String content : new String[] {"a]]>b", "]]>", "x]]>]]>y", "]]]]><![CDATA[", "<xml>&amp;</xml> 登录成功 😀",
        "  padded  "}) {
      String xml = WxXml.textReply(in, 1L, content);
      WxMessage back = WxXml.parse(xml);
      assertEquals(content, back.content(), xml);
      assertEquals(in.fromUserName(), back.toUserName());
      assertEquals(in.toUserName(), back.fromUserName());
      assertEquals("text", back.msgType());
    }
  }

  @Test
  void encryptedReplyLayoutMatchesWechatpyV6() throws Exception {
    String xml = WxXml.encryptedReply(Vectors.V6.ENCRYPT_ENCRYPT, Vectors.V6.ENCRYPT_MSG_SIGNATURE,
        Long.parseLong(Vectors.V6.TIMESTAMP), Vectors.V6.NONCE);
    assertEquals(Vectors.V6.ENCRYPTED_REPLY.replace("\n", ""), xml);
    WxMessage back = WxXml.parse(xml);
    assertEquals(Vectors.V6.ENCRYPT_ENCRYPT, back.encrypt());
    assertEquals(Vectors.V6.ENCRYPT_MSG_SIGNATURE, back.msgSignature());
    assertEquals(Long.parseLong(Vectors.V6.TIMESTAMP), back.timeStamp());
    assertEquals(Vectors.V6.NONCE, back.nonce());
  }

  @Test
  void encryptedReplyOfOfficialVectorV4() {
    assertEquals("<xml><Encrypt><![CDATA[" + Vectors.V4.ENCRYPT + "]]></Encrypt><MsgSignature><![CDATA["
            + Vectors.V4.MSG_SIGNATURE + "]]></MsgSignature><TimeStamp>1713424427</TimeStamp>"
            + "<Nonce><![CDATA[415670741]]></Nonce></xml>",
        WxXml.encryptedReply(Vectors.V4.ENCRYPT, Vectors.V4.MSG_SIGNATURE, 1713424427L, Vectors.V4.NONCE));
  }

  @Test
  void eventWritesWhatParseReadsBack() throws Exception {
    String xml = WxXml.event("gh_1", "oUser", 1714112445L, "subscribe", "qrscene_abc", "TICKET+/=");
    assertEquals("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
        + "<CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"
        + "<EventKey><![CDATA[qrscene_abc]]></EventKey><Ticket><![CDATA[TICKET+/=]]></Ticket></xml>", xml);
    WxMessage m = WxXml.parse(xml);
    assertEquals(new WxMessage("gh_1", "oUser", 1714112445L, "event", "subscribe", "qrscene_abc", "TICKET+/=",
        null, null, null, null, null, null), m);

    WxMessage plainFollow = WxXml.parse(WxXml.event("gh_1", "oUser", 2L, "subscribe", "", null));
    assertEquals("", plainFollow.eventKey());
    assertNull(plainFollow.ticket());
  }

  @Test
  void safeAndCompatRequestBodiesParseBack() throws Exception {
    WxMessage safe = WxXml.parse(WxXml.encryptedRequest("gh_1", Vectors.V3.ENCRYPT));
    assertEquals(new WxMessage("gh_1", null, null, null, null, null, null, null, null, Vectors.V3.ENCRYPT,
        null, null, null), safe);

    WxMessage event = WxXml.parse(WxXml.event("gh_1", "oUser", 3L, "SCAN", "123", "T"));
    WxMessage compat = WxXml.parse(WxXml.compatRequest(event, Vectors.V3.ENCRYPT));
    assertEquals("SCAN", compat.event());
    assertEquals("123", compat.eventKey());
    assertEquals(3L, compat.createTime());
    assertEquals(Vectors.V3.ENCRYPT, compat.encrypt());
    assertNotNull(compat.fromUserName());
  }

  @Test
  void textMessageHasWeChatsShapeAndParsesBack() throws Exception {
    String xml = WxXml.textMessage("gh_1", "oUser", 1348831860L, "this is a test", 1234567890123456L);
    // WeChat's documented sample of a received text message (接收普通消息), element for element
    assertEquals("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
        + "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>", xml);
    WxMessage m = WxXml.parse(xml);
    assertEquals(new WxMessage("gh_1", "oUser", 1348831860L, "text", null, null, null, "this is a test",
        1234567890123456L, null, null, null, null), m);

    WxMessage compat = WxXml.parse(WxXml.compatRequest(m, Vectors.V3.ENCRYPT));
    assertEquals("this is a test", compat.content());
    assertEquals(1234567890123456L, compat.msgId());
    assertEquals(Vectors.V3.ENCRYPT, compat.encrypt());
  }

  @Test
  void encodingDeclarationInAStringBodyIsHarmless() throws Exception {
    // The body arrives already decoded as a String; a declaration naming another charset must not re-decode it.
    String body = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><xml><Content>café 登录</Content></xml>";
    assertEquals("café 登录", WxXml.parse(body).content());
  }
}
