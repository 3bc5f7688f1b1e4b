package io.wxlogin.wechat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Any {@code <xml>} document WeChat exchanges: a pushed message or event, a safe-mode envelope
 * ({@code ToUserName} + {@code Encrypt}), or a passive reply (plain or encrypted). Absent elements are
 * {@code null}; an empty {@code <![CDATA[]]>} is {@code ""}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WxMessage(
    @JsonProperty("ToUserName") String toUserName,
    @JsonProperty("FromUserName") String fromUserName,
    @JsonProperty("CreateTime") Long createTime,
    @JsonProperty("MsgType") String msgType,
    @JsonProperty("Event") String event,
    @JsonProperty("EventKey") String eventKey,
    @JsonProperty("Ticket") String ticket,
    @JsonProperty("Content") String content,
    @JsonProperty("MsgId") Long msgId,
    @JsonProperty("Encrypt") String encrypt,
    @JsonProperty("MsgSignature") String msgSignature,
    @JsonProperty("TimeStamp") Long timeStamp,
    @JsonProperty("Nonce") String nonce) {

  /**
   * Whether both user names have WeChat's shape ({@link WxXml#isUserName}). A message from a name that does
   * not is answered {@code success} and ignored: it cannot be WeChat's, and its name must never become a key.
   */
  public boolean userNamesValid() {
    return WxXml.isUserName(fromUserName) && WxXml.isUserName(toUserName);
  }

  public boolean isEvent(String name) {
    return "event".equals(msgType) && name.equals(event);
  }

  /**
   * The key for recognising WeChat's retries of one push: {@code MsgId} for messages; for events WeChat's
   * {@code FromUserName + CreateTime} (docs/wechat.md §3.4) plus {@code Event} and {@code EventKey},
   * because CreateTime has one-second resolution and one user can scan two QR codes within a second.
   */
  public String deliveryId() {
    return msgId != null ? "msg:" + msgId : "evt:" + fromUserName + ":" + createTime + ":" + event + ":" + eventKey;
  }

  /**
   * The EventKey carries a login node's whole scene id (the secret its browser polls with) and the Ticket shows
   * the QR code, so a record's own toString must not print them: only the first 8 characters of the EventKey
   * and of the user names are shown, the ticket, the content and the encrypted body not at all.
   */
  @Override
  public String toString() {
    return "WxMessage[msgType=" + msgType + ", event=" + event + ", eventKey=" + head(eventKey) + ", from="
        + head(fromUserName) + ", to=" + head(toUserName) + ", createTime=" + createTime + ", msgId=" + msgId
        + ", encrypted=" + (encrypt != null) + "]";
  }

  private static String head(String value) {
    return value == null || value.length() <= 8 ? value : value.substring(0, 8) + "…";
  }
}
