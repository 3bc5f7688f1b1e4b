package io.wxlogin.bench.worker;

import io.vertx.core.buffer.Buffer;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plays WeChat's side of a scan: the event push a follower ({@code SCAN}) or a new follower
 * ({@code subscribe}, {@code qrscene_} prefix) triggers, a user's text message (the {@code 1} that confirms a
 * login with {@code LOGIN_CONFIRM=reply}), and the signed query each is posted with (docs/wechat.md
 * §1.1, §3.3). The bench signs callbacks itself so the sandbox's scan path stays out of the measured path.
 *
 * <p>The documents are written from a fixed template, in the element order and CDATA form WeChat (and
 * {@link WxXml}) uses: the values are the bench's own (openids, hex scenes, the sandbox's tickets), so there
 * is nothing to escape, and building a document through an XML binder cost the load generator more than the
 * node spends reading it. A value that would need escaping falls back to {@link WxXml}.
 */
public final class CallbackSigner {

  private final String token;
  private final String head;

  public CallbackSigner(String token, String originalId) {
    this.token = token;
    this.head = "<xml><ToUserName><![CDATA[" + originalId + "]]></ToUserName><FromUserName><![CDATA[";
  }

  /** {@code signature&timestamp&nonce} for a POST to {@code /wechat/callback}. */
  public String query(long timestampSeconds, String nonce) {
    String ts = String.valueOf(timestampSeconds);
    return "signature=" + WxSignature.sign(token, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce;
  }

  public String query(long timestampSeconds) {
    // 63 random bits: the node refuses a second body under one (timestamp, nonce), and thousands of scans a
    // second with 31-bit nonces would collide now and then
    return query(timestampSeconds, String.valueOf(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)));
  }

  /** The event XML for a scan of {@code scene}'s QR code by {@code openid}. */
  public String scanEvent(String openid, String scene, String ticket, boolean follower, long createTimeSeconds) {
    String event = follower ? "SCAN" : "subscribe";
    String key = follower ? scene : "qrscene_" + scene;
    if (!plain(openid) || !plain(key) || !plain(ticket)) {
      return WxXml.event(originalId(), openid, createTimeSeconds, event, key, ticket);
    }
    return head + openid + "]]></FromUserName><CreateTime>" + createTimeSeconds
        + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event
        + "]]></Event><EventKey><![CDATA[" + key + "]]></EventKey><Ticket><![CDATA[" + ticket
        + "]]></Ticket></xml>";
  }

  /** A text message from {@code openid} (WeChat's 接收普通消息 shape: …, Content, MsgId), e.g. the {@code 1}. */
  public String textMessage(String openid, String content, long msgId, long createTimeSeconds) {
    if (!plain(openid) || !plain(content)) {
      throw new IllegalArgumentException("the bench writes only plain user names and texts");
    }
    return head + openid + "]]></FromUserName><CreateTime>" + createTimeSeconds
        + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
        + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
  }

  static Buffer bytes(String xml) {
    return Buffer.buffer(xml.getBytes(StandardCharsets.UTF_8));
  }

  private String originalId() {
    int from = head.indexOf("CDATA[") + 6;
    return head.substring(from, head.indexOf("]]>", from));
  }

  /** Printable ASCII without the characters that could end CDATA or start markup. */
  private static boolean plain(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ']' || c == '<' || c == '&') {
        return false;
      }
    }
    return true;
  }
}
