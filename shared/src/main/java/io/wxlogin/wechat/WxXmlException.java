package io.wxlogin.wechat;

/** A body that is not a WeChat {@code <xml>} document, or that tries DTDs or entities. */
public final class WxXmlException extends Exception {

  public WxXmlException(String message, Throwable cause) {
    super(message, cause);
  }
}
