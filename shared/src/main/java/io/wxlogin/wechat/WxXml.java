package io.wxlogin.wechat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlCData;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;

/**
 * Reading and writing WeChat's {@code <xml>} documents (docs/wechat.md §3; the strict reading rules
 * in docs/security.md).
 *
 * <p>Reading is strict and hostile-input safe ({@link WxXmlReader}): no DTD is read, no entity is expanded,
 * and a DOCTYPE of any kind fails the document. Writing puts strings in CDATA as WeChat does; a value
 * containing {@code ]]>} is split across two CDATA sections instead of breaking the document. The two replies
 * a node writes per callback come from {@link WxXmlWriter}; the documents only the sandbox and tests write go
 * through the XML binder.
 */
public final class WxXml {

  private static final XmlMapper MAPPER = XmlMapper.builder(
          XmlFactory.builder().xmlOutputFactory(cdataSafeOutput()).build())
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private WxXml() {
  }

  private static XMLOutputFactory cdataSafeOutput() {
    XMLOutputFactory out = new WstxOutputFactory();
    out.setProperty(WstxOutputProperties.P_OUTPUT_FIX_CONTENT, true);
    return out;
  }

  /**
   * Reads one WeChat document strictly (see {@link WxXmlReader}): a body that is not one, or that carries a
   * DOCTYPE, another root, a repeated known element or a non-numeric number, is a {@link WxXmlException}.
   */
  public static WxMessage parse(String xml) throws WxXmlException {
    if (xml == null || xml.isBlank()) {
      throw new WxXmlException("empty body", null);
    }
    return WxXmlReader.read(xml.startsWith("\uFEFF") ? xml.substring(1) : xml);
  }

  /**
   * As {@link #parse(String)} for the bytes of a request body, which must be valid UTF-8: a decoder that
   * replaced bad bytes by U+FFFD would turn different byte strings into one openid.
   */
  public static WxMessage parse(byte[] body) throws WxXmlException {
    if (body == null) {
      throw new WxXmlException("empty body", null);
    }
    try {
      return parse(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString());
    } catch (CharacterCodingException e) {
      throw new WxXmlException("the body is not valid UTF-8", null);
    }
  }

  /**
   * Whether {@code name} can be a {@code FromUserName} or {@code ToUserName}: an openid is 28 characters of
   * {@code [A-Za-z0-9_-]} and an account's original id {@code gh_} plus 12 hex digits; this accepts the
   * superset of 1 to 64 such characters (docs/security.md), so nothing else (markup, spaces, an empty name)
   * ever becomes a Redis key or reaches a page.
   */
  public static boolean isUserName(String name) {
    return name != null && USER_NAME.matcher(name).matches();
  }

  /** A passive text reply to the user who sent {@code incoming} (§3.5): the two user names swap. */
  public static String textReply(WxMessage incoming, long createTime, String content) {
    return WxXmlWriter.textReply(incoming.fromUserName(), incoming.toUserName(), createTime, content);
  }

  /** The safe-mode reply envelope (§2.3). */
  public static String encryptedReply(String encrypt, String msgSignature, long timeStamp, String nonce) {
    return WxXmlWriter.encryptedReply(encrypt, msgSignature, timeStamp, nonce);
  }

  /** An event push as WeChat sends it, e.g. {@code subscribe} with {@code qrscene_<scene>} (§3.3). */
  public static String event(String toUserName, String fromUserName, long createTime, String event,
      String eventKey, String ticket) {
    return write(new EventPush(xmlChars(toUserName), xmlChars(fromUserName), createTime, "event", xmlChars(event),
        xmlChars(eventKey), xmlChars(ticket), null));
  }

  /**
   * A text message from a user as WeChat pushes it (its 接收普通消息 page): ToUserName, FromUserName,
   * CreateTime, MsgType, Content, MsgId, in that order.
   */
  public static String textMessage(String toUserName, String fromUserName, long createTime, String content,
      long msgId) {
    return write(new TextPush(xmlChars(toUserName), xmlChars(fromUserName), createTime, "text", xmlChars(content),
        msgId, null));
  }

  /** A safe-mode request body: {@code ToUserName} and {@code Encrypt} only (§2.2). */
  public static String encryptedRequest(String toUserName, String encrypt) {
    return write(new EventPush(xmlChars(toUserName), null, null, null, null, null, null, xmlChars(encrypt)));
  }

  /** A compat-mode request body: the plaintext event plus its {@code Encrypt} twin in one document (§2.2). */
  public static String compatRequest(WxMessage event, String encrypt) {
    if ("text".equals(event.msgType())) {
      return write(new TextPush(xmlChars(event.toUserName()), xmlChars(event.fromUserName()), event.createTime(),
          "text", xmlChars(event.content()), event.msgId(), xmlChars(encrypt)));
    }
    return write(new EventPush(xmlChars(event.toUserName()), xmlChars(event.fromUserName()), event.createTime(),
        xmlChars(event.msgType()), xmlChars(event.event()), xmlChars(event.eventKey()), xmlChars(event.ticket()),
        xmlChars(encrypt)));
  }

  /**
   * The text with every character XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF)
   * replaced by U+FFFD. Woodstox writes them into CDATA unchecked, and one such character makes the whole
   * reply unparseable: WeChat then shows the user "该公众号暂时无法提供服务".
   */
  static String xmlChars(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        if (ok) {
          out.appendCodePoint(cp);
        } else {
          out.append('\uFFFD');
        }
      }
      i += width;
    }
    return out == null ? text : out.toString();
  }

  private static String write(Object doc) {
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write WeChat XML", e);
    }
  }

  @JacksonXmlRootElement(localName = "xml")
  @JsonPropertyOrder({"ToUserName", "FromUserName", "CreateTime", "MsgType", "Event", "EventKey", "Ticket", "Encrypt"})
  private record EventPush(
      @JsonProperty("ToUserName") @JacksonXmlCData String toUserName,
      @JsonProperty("FromUserName") @JacksonXmlCData String fromUserName,
      @JsonProperty("CreateTime") Long createTime,
      @JsonProperty("MsgType") @JacksonXmlCData String msgType,
      @JsonProperty("Event") @JacksonXmlCData String event,
      @JsonProperty("EventKey") @JacksonXmlCData String eventKey,
      @JsonProperty("Ticket") @JacksonXmlCData String ticket,
      @JsonProperty("Encrypt") @JacksonXmlCData String encrypt) {
  }

  @JacksonXmlRootElement(localName = "xml")
  @JsonPropertyOrder({"ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "Encrypt"})
  private record TextPush(
      @JsonProperty("ToUserName") @JacksonXmlCData String toUserName,
      @JsonProperty("FromUserName") @JacksonXmlCData String fromUserName,
      @JsonProperty("CreateTime") Long createTime,
      @JsonProperty("MsgType") @JacksonXmlCData String msgType,
      @JsonProperty("Content") @JacksonXmlCData String content,
      @JsonProperty("MsgId") Long msgId,
      @JsonProperty("Encrypt") @JacksonXmlCData String encrypt) {
  }
}
