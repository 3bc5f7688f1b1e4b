package io.wxlogin.login.callback;

import io.wxlogin.login.scene.ScanResult;

/**
 * What the user is told in WeChat after scanning a login QR code, and the same outcome in machine-readable form
 * for the callback's {@value #HEADER} response header (WeChat ignores extra headers; the bench and operators'
 * tools read it instead of the Chinese text, see docs/wechat-protocol.md).
 */
enum ScanReply {
  LOGGED_IN("logged_in", "登录成功，欢迎！请回到网页继续。"),
  RETURNING("returning", "登录成功，欢迎回来！请回到网页继续。"),
  SAME_USER("same_user", "你已经用这个二维码登录过了，无需再次扫码。"),
  TAKEN("taken", "这个二维码已被其他微信号使用，请在网页上刷新二维码后重新扫码。"),
  EXPIRED("expired", "二维码已过期，请在网页上刷新二维码后重新扫码。"),
  /** The store did not answer in time: nothing is promised, the user scans again. */
  RETRY("retry", "登录服务暂时繁忙，请稍后重新扫码。");

  static final String HEADER = "X-Wxlogin-Outcome";

  private final String header;
  private final String text;

  ScanReply(String header, String text) {
    this.header = header;
    this.text = text;
  }

  static ScanReply of(ScanResult.Outcome outcome) {
    return switch (outcome) {
      case NEW_USER -> LOGGED_IN;
      case RETURNING_USER -> RETURNING;
      case SAME_USER -> SAME_USER;
      case TAKEN -> TAKEN;
      case EXPIRED -> EXPIRED;
    };
  }

  /** The {@value #HEADER} value. */
  String header() {
    return header;
  }

  String text() {
    return text;
  }
}
