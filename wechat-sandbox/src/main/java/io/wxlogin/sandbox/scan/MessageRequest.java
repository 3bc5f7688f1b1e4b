package io.wxlogin.sandbox.scan;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** A validated {@code /sandbox/message} body: who types, and what. */
record MessageRequest(String openid, String content) {

  /** Longer texts are refused: WeChat's own input box stops well before this. */
  static final int MAX_CONTENT = 2048;
  private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static MessageRequest parse(JsonObject body) throws ScanRequest.Invalid {
    Object openid = body.getValue("openid");
    Object content = body.getValue("content");
    if (!(openid instanceof String o) || !OPENID.matcher(o).matches()) {
      throw new ScanRequest.Invalid("openid must be the user's openid: 1-64 letters, digits, '_' or '-'");
    }
    if (!(content instanceof String c) || c.isEmpty()) {
      throw new ScanRequest.Invalid("content must be the non-empty text the user sends");
    }
    if (c.length() > MAX_CONTENT) {
      throw new ScanRequest.Invalid("content is " + c.length() + " characters; at most " + MAX_CONTENT);
    }
    return new MessageRequest(o, c);
  }
}
