package io.wxlogin.wechat;

/** A safe-mode message that cannot be decrypted: bad base64, wrong key, broken padding or a foreign appid. */
public final class WxCryptoException extends Exception {

  public WxCryptoException(String message) {
    super(message);
  }

  public WxCryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
