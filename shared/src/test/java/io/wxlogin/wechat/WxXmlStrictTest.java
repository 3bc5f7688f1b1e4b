package io.wxlogin.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the strict reader refuses that a lenient one would silently accept (docs/security.md). */
class WxXmlStrictTest {

  private static final String OPENID = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";

  private static String event(String fromUserName, String eventKey) {
    return "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[" + fromUserName
        + "]]></FromUserName><CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey></xml>";
  }

  private static void refused(String body, String because) {
    WxXmlException e = assertThrows(WxXmlException.class, () -> WxXml.parse(body), body);
    assertTrue(e.getMessage().contains(because), e.getMessage());
  }

  @Test
  void aDoctypeWithoutAnyEntityIsRefused() {
    refused("<!DOCTYPE xml><xml><Content>x</Content></xml>", "DOCTYPE");
    refused("<?xml version=\"1.0\"?>\n<!DOCTYPE xml [ ]>\n" + event(OPENID, "qrscene_a"), "DOCTYPE");
    refused("<!DOCTYPE xml SYSTEM \"http://127.0.0.1:9/x.dtd\"><xml/>", "DOCTYPE");
  }

  @Test
  void theRootMustBeXml() {
    refused("<other><FromUserName>" + OPENID + "</FromUserName></other>", "root element must be <xml>");
    refused("<XML><Content>x</Content></XML>", "root element must be <xml>");
    refused("<xml/><xml/>", "not a WeChat XML document");
    refused("<xml/>trailing", "not a WeChat XML document");
  }

  @Test
  void aRepeatedKnownElementIsRefusedWhicheverItIs() {
    refused(event(OPENID, "qrscene_a").replace("</xml>", "<EventKey><![CDATA[qrscene_b]]></EventKey></xml>"),
        "<EventKey> appears twice");
    refused(event(OPENID, "qrscene_a").replace("</xml>", "<FromUserName>o_victim</FromUserName></xml>"),
        "<FromUserName> appears twice");
    refused("<xml><CreateTime>1</CreateTime><CreateTime>1</CreateTime></xml>", "<CreateTime> appears twice");
  }

  @Test
  void unknownElementsMayRepeatAndNestButKnownOnesHoldTextOnly() throws Exception {
    WxMessage m = WxXml.parse(event(OPENID, "qrscene_a").replace("</xml>",
        "<ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo><Idx>1</Idx><Idx>2</Idx></xml>"));
    assertEquals("qrscene_a", m.eventKey());
    refused("<xml><FromUserName><b>" + OPENID + "</b></FromUserName></xml>", "must hold text only");
  }

  @Test
  void numbersAreBareDigitsAroundWhichLayoutSpaceIsAllowed() throws Exception {
    assertEquals(1714112445L, WxXml.parse("<xml><CreateTime>\n 1714112445 \n</CreateTime></xml>").createTime());
    refused("<xml><CreateTime>1e9</CreateTime></xml>", "not a whole number");
    refused("<xml><MsgId>0x10</MsgId></xml>", "not a whole number");
    refused("<xml><TimeStamp>99999999999999999999</TimeStamp></xml>", "not a whole number");
  }

  @Test
  void invalidUtf8BytesAreRefusedInsteadOfBecomingReplacementCharacters() throws Exception {
    byte[] good = event(OPENID, "qrscene_a").getBytes(StandardCharsets.UTF_8);
    assertEquals(OPENID, WxXml.parse(good).fromUserName());
    byte[] bad = event("o_\u00ff\u00fe", "qrscene_a").getBytes(StandardCharsets.ISO_8859_1);
    WxXmlException e = assertThrows(WxXmlException.class, () -> WxXml.parse(bad));
    assertEquals("the body is not valid UTF-8", e.getMessage());
    byte[] overlong = event("o_XX", "qrscene_a").replace("XX", "\u0000\u0000").getBytes(StandardCharsets.UTF_8);
    int at = new String(overlong, StandardCharsets.UTF_8).indexOf('\u0000');
    overlong[at] = (byte) 0xC0;
    overlong[at + 1] = (byte) 0xAF;
    assertThrows(WxXmlException.class, () -> WxXml.parse(overlong));
  }

  @Test
  void aByteOrderMarkAndAUtf8DeclarationAreFine() throws Exception {
    byte[] body = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + event(OPENID, "1"))
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(OPENID, WxXml.parse(body).fromUserName());
  }

  @Test
  void userNamesMustHaveWeChatsShape() throws Exception {
    assertTrue(WxXml.parse(event(OPENID, "qrscene_a")).userNamesValid());
    assertTrue(WxXml.isUserName("gh_97417a04a28d"));
    assertTrue(WxXml.isUserName("a".repeat(64)));
    for (String bad : new String[] {null, "", " ", "a".repeat(65), "<img src=x onerror=alert(1)>", "o_x y",
        "o:x", "o\nx", "о_cyrillic", "o_x\u200b"}) {
      assertFalse(WxXml.isUserName(bad), String.valueOf(bad));
    }
    assertFalse(WxXml.parse(event("", "qrscene_a")).userNamesValid(), "an empty FromUserName");
    assertFalse(WxXml.parse(event("<img src=x onerror=alert(1)>", "qrscene_a")).userNamesValid());
    assertFalse(WxXml.parse("<xml><FromUserName>" + OPENID + "</FromUserName></xml>").userNamesValid(),
        "a missing ToUserName");
  }

  @Test
  void parserMessagesNeverCarryMoreThanOneLineOfTheInput() {
    WxXmlException e = assertThrows(WxXmlException.class,
        () -> WxXml.parse("<xml><Content>x\nFORGED LOG LINE</Contents></xml>"));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains("FORGED"), e.getMessage());
  }
}
