package io.wxlogin.sandbox.scan;

import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.wechat.WxCrypto;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One push (an event or a text message) exactly as WeChat would POST it (docs/wechat.md §1.3, §2.2,
 * §3.2, §3.3): the URL with its signed query, and the XML body, encrypted in safe mode or doubled up in compat
 * mode. Retries re-send this same object, so every delivery of one scan or message is byte-identical.
 */
record SignedPush(String uri, String body) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Builds pushes for one sandbox configuration. */
  static final class Signer {

    private final SandboxConfig config;
    private final WxCrypto crypto;

    /** {@code crypto} is null in plaintext mode. */
    Signer(SandboxConfig config, WxCrypto crypto) {
      this.config = config;
      this.crypto = crypto;
    }

    /** A {@code subscribe} or {@code SCAN} event after a scan of a parametric QR code. */
    SignedPush event(String openid, long createTime, String event, String eventKey, String ticket) {
      return sign(openid, createTime, WxXml.event(config.originalId(), openid, createTime, event, eventKey, ticket),
          new WxMessage(config.originalId(), openid, createTime, "event", event, eventKey, ticket, null, null, null,
              null, null, null));
    }

    /** A text message the user typed; WeChat's retries carry the same MsgId. */
    SignedPush text(String openid, long createTime, String content, long msgId) {
      return sign(openid, createTime, WxXml.textMessage(config.originalId(), openid, createTime, content, msgId),
          new WxMessage(config.originalId(), openid, createTime, "text", null, null, null, content, msgId, null,
              null, null, null));
    }

    /** {@code plain} is {@code xml} as fields, for compat mode's body that carries both. */
    private SignedPush sign(String openid, long createTime, String xml, WxMessage plain) {
      String timestamp = String.valueOf(createTime);
      String nonce = String.valueOf(100_000_000 + RANDOM.nextInt(2_000_000_000));
      Map<String, String> query = new LinkedHashMap<>();
      query.put("signature", WxSignature.sign(config.token(), timestamp, nonce));
      query.put("timestamp", timestamp);
      query.put("nonce", nonce);
      query.put("openid", openid);
      String body = xml;
      if (crypto != null) {
        String encrypt = crypto.encrypt(xml);
        query.put("encrypt_type", "aes");
        query.put("msg_signature", WxSignature.sign(config.token(), timestamp, nonce, encrypt));
        body = SandboxConfig.COMPAT.equals(config.encryptMode())
            ? WxXml.compatRequest(plain, encrypt)
            : WxXml.encryptedRequest(config.originalId(), encrypt);
      }
      String url = config.callbackUrl();
      return new SignedPush(url + (url.contains("?") ? "&" : "?") + encode(query), body);
    }

    private static String encode(Map<String, String> query) {
      return query.entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
    }
  }
}
