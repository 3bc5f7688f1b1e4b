package io.wxlogin.wechat;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The strict reader behind {@link WxXml#parse}: a StAX pass over the document that accepts only what WeChat
 * sends (docs/security.md, "Strict parsing"). One {@code <xml>} root; no DOCTYPE of any kind (not even one
 * without entities, which a lenient parser would skip); each known element at most once, because a parser that
 * keeps the last of two {@code FromUserName}s reads another user than a reader that keeps the first; known
 * elements hold text only. Unknown elements (WeChat adds fields over time) are skipped whole.
 */
final class WxXmlReader {

  static final Set<String> KNOWN = Set.of("ToUserName", "FromUserName", "CreateTime", "MsgType", "Event",
      "EventKey", "Ticket", "Content", "MsgId", "Encrypt", "MsgSignature", "TimeStamp", "Nonce");
  private static final XMLInputFactory INPUT = strictInput();

  private WxXmlReader() {
  }

  private static XMLInputFactory strictInput() {
    XMLInputFactory in = new WstxInputFactory();
    // our own factory gets none of Jackson's hardening: switch DTDs and external entities off ourselves
    in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    in.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    in.setProperty(XMLInputFactory.IS_COALESCING, true);
    in.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 16);
    in.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 16);
    return in;
  }

  static WxMessage read(String xml) throws WxXmlException {
    Map<String, String> fields = new HashMap<>();
    XMLStreamReader r = null;
    try {
      r = INPUT.createXMLStreamReader(new StringReader(xml));
      root(r);
      children(r, fields);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.DTD) {
          throw refused("a DOCTYPE is refused");
        }
      }
    } catch (XMLStreamException e) {
      throw new WxXmlException("not a WeChat XML document: " + firstLine(e.getMessage()), null);
    } finally {
      close(r);
    }
    return message(fields);
  }

  /** Up to the root start tag: only comments and processing instructions may come first. */
  private static void root(XMLStreamReader r) throws XMLStreamException, WxXmlException {
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.DTD) {
        throw refused("a DOCTYPE is refused");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (!"xml".equals(r.getLocalName())) {
          throw refused("the root element must be <xml>");
        }
        return;
      }
    }
    throw refused("no root element");
  }

  /** The root's children, up to its end tag. */
  private static void children(XMLStreamReader r, Map<String, String> fields)
      throws XMLStreamException, WxXmlException {
    while (true) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        return;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String name = r.getLocalName();
      if (!KNOWN.contains(name)) {
        skip(r);
      } else if (fields.put(name, text(r, name)) != null) {
        throw refused("<" + name + "> appears twice");
      }
    }
  }

  private static String text(XMLStreamReader r, String name) throws XMLStreamException, WxXmlException {
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(r.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          return text.toString();
        }
        case XMLStreamConstants.START_ELEMENT -> throw refused("<" + name + "> must hold text only");
        default -> {
          // comments and processing instructions inside a value carry nothing
        }
      }
    }
  }

  private static void skip(XMLStreamReader r) throws XMLStreamException {
    for (int depth = 1; depth > 0; ) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static WxMessage message(Map<String, String> f) throws WxXmlException {
    return new WxMessage(f.get("ToUserName"), f.get("FromUserName"), number(f, "CreateTime"), f.get("MsgType"),
        f.get("Event"), f.get("EventKey"), f.get("Ticket"), f.get("Content"), number(f, "MsgId"), f.get("Encrypt"),
        f.get("MsgSignature"), number(f, "TimeStamp"), f.get("Nonce"));
  }

  /** WeChat writes integers bare; surrounding white space is layout, anything else is not a number. */
  private static Long number(Map<String, String> fields, String name) throws WxXmlException {
    String v = fields.get(name);
    if (v == null) {
      return null;
    }
    String digits = v.strip();
    if (!digits.matches("-?[0-9]{1,19}")) {
      throw refused("<" + name + "> is not a whole number");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw refused("<" + name + "> is out of range");
    }
  }

  private static WxXmlException refused(String why) {
    return new WxXmlException("not a WeChat XML document: " + why, null);
  }

  /** Parser messages quote the input: keep one line of it at most, and never what follows. */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse("unreadable");
    return line.length() <= 120 ? line : line.substring(0, 120) + "…";
  }

  private static void close(XMLStreamReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (XMLStreamException e) {
        // nothing is held open for a string source
      }
    }
  }
}
