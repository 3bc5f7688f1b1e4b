package io.wxlogin.sandbox.scan;

import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.wechat.WxCrypto;
import io.wxlogin.wechat.WxCryptoException;
import io.wxlogin.wechat.WxMessage;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import io.wxlogin.wechat.WxXmlException;

/**
 * Reads a passive reply as WeChat's client would show it (docs/wechat.md §2.3, §3.4, §3.5):
 * {@code success} or an empty body mean "show nothing"; a text reply shows its Content; an encrypted reply
 * is opened after its MsgSignature checks out. Anything else is what makes WeChat show
 * "该公众号暂时无法提供服务，请稍后再试", reported here with the reason.
 */
final class ReplyDecoder {

  /** Either the text the user sees ({@code error} null) or why WeChat would refuse the reply. */
  record Reply(String text, String error) {
    static Reply refused(String why) {
      return new Reply(null, why);
    }
  }

  private final SandboxConfig config;
  private final WxCrypto crypto;

  /** {@code crypto} is null in plaintext mode. */
  ReplyDecoder(SandboxConfig config, WxCrypto crypto) {
    this.config = config;
    this.crypto = crypto;
  }

  Reply decode(String body, String openid) {
    if (body.isEmpty() || "success".equals(body)) {
      return new Reply(body, null);
    }
    WxMessage reply;
    try {
      reply = WxXml.parse(body);
    } catch (WxXmlException e) {
      return Reply.refused("the reply is not WeChat XML, nor \"success\" or empty: " + e.getMessage());
    }
    if (reply.encrypt() != null) {
      return decrypted(reply, openid);
    }
    if (crypto != null && SandboxConfig.SAFE.equals(config.encryptMode())) {
      return Reply.refused("the push was in safe mode but the reply is plaintext; it must be encrypted");
    }
    return text(reply, openid);
  }

  private Reply decrypted(WxMessage envelope, String openid) {
    if (crypto == null) {
      return Reply.refused("the reply is encrypted but the sandbox pushes plaintext (no SANDBOX_AES_KEY)");
    }
    if (envelope.msgSignature() == null || envelope.timeStamp() == null || envelope.nonce() == null) {
      return Reply.refused("the encrypted reply lacks MsgSignature, TimeStamp or Nonce");
    }
    if (!WxSignature.verify(envelope.msgSignature(), config.token(), String.valueOf(envelope.timeStamp()),
        envelope.nonce(), envelope.encrypt())) {
      return Reply.refused("MsgSignature does not match sha1(sort(token, TimeStamp, Nonce, Encrypt))");
    }
    try {
      return text(WxXml.parse(crypto.decrypt(envelope.encrypt()).message()), openid);
    } catch (WxCryptoException e) {
      return Reply.refused("the encrypted reply cannot be decrypted: " + e.getMessage());
    } catch (WxXmlException e) {
      return Reply.refused("the decrypted reply is not WeChat XML: " + e.getMessage());
    }
  }

  private Reply text(WxMessage reply, String openid) {
    if (!"text".equals(reply.msgType())) {
      return Reply.refused("the sandbox reads text replies only, this one has MsgType " + reply.msgType());
    }
    if (!openid.equals(reply.toUserName())) {
      return Reply.refused("the reply's ToUserName must be the user's openid " + openid);
    }
    if (!config.originalId().equals(reply.fromUserName())) {
      return Reply.refused("the reply's FromUserName must be the account's original id " + config.originalId());
    }
    if (reply.content() == null || reply.createTime() == null) {
      return Reply.refused("the text reply lacks Content or CreateTime");
    }
    return new Reply(reply.content(), null);
  }
}
