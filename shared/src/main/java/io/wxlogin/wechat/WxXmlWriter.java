package io.wxlogin.wechat;

/**
 * The two documents a login node writes on every callback, the passive text reply and its safe-mode envelope
 * (docs/wechat.md §2.3, §3.5), written straight into a builder: the same elements, order and CDATA
 * form the XML binder wrote, at a fraction of its cost per callback (docs/benchmarks.md). A value containing
 * {@code ]]>} is split across two CDATA sections, as the binder's Woodstox writer did; characters XML cannot
 * carry are replaced first ({@link WxXml#xmlChars}).
 */
final class WxXmlWriter {

  private WxXmlWriter() {
  }

  static String textReply(String toUserName, String fromUserName, long createTime, String content) {
    StringBuilder out = new StringBuilder(160 + content.length() * 3);
    out.append("<xml><ToUserName>");
    cdata(out, toUserName);
    out.append("</ToUserName><FromUserName>");
    cdata(out, fromUserName);
    out.append("</FromUserName><CreateTime>").append(createTime).append("</CreateTime><MsgType>");
    cdata(out, "text");
    out.append("</MsgType><Content>");
    cdata(out, content);
    return out.append("</Content></xml>").toString();
  }

  static String encryptedReply(String encrypt, String msgSignature, long timeStamp, String nonce) {
    StringBuilder out = new StringBuilder(160 + encrypt.length());
    out.append("<xml><Encrypt>");
    cdata(out, encrypt);
    out.append("</Encrypt><MsgSignature>");
    cdata(out, msgSignature);
    out.append("</MsgSignature><TimeStamp>").append(timeStamp).append("</TimeStamp><Nonce>");
    cdata(out, nonce);
    return out.append("</Nonce></xml>").toString();
  }

  private static void cdata(StringBuilder out, String text) {
    String safe = WxXml.xmlChars(text);
    out.append("<![CDATA[");
    int from = 0;
    int at;
    while ((at = safe.indexOf("]]>", from)) >= 0) {
      // "]]" ends this section's text, ">" starts the next one
      out.append(safe, from, at + 2).append("]]><![CDATA[");
      from = at + 2;
    }
    out.append(safe, from, safe.length()).append("]]>");
  }
}
