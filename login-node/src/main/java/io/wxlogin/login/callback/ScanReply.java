package io.wxlogin.login.callback;

import io.wxlogin.login.confirm.LoginRequester;
import io.wxlogin.login.confirm.ReplyTexts;
import io.wxlogin.login.scene.ScanResult;

/**
 * What the user is told in WeChat after scanning a login QR code, and the same outcome in machine-readable form
 * for the callback's {@value UserReply#HEADER} response header (WeChat ignores extra headers; the bench and
 * operators' tools read it instead of the Chinese text, see docs/wechat.md). A login's text names what
 * is being logged in ({@link ReplyTexts}); the others are fixed.
 */
enum ScanReply {
  LOGGED_IN("logged_in", null),
  RETURNING("returning", null),
  /** LOGIN_CONFIRM=reply: scanned, waiting for the user's "1" or "0". */
  SCANNED("scanned", null),
  SAME_USER("same_user", "你已经用这个二维码登录过了，无需再次扫码。"),
  TAKEN("taken", "这个二维码已被其他微信号使用，请在网页上刷新二维码后重新扫码。"),
  EXPIRED("expired", "二维码已过期，请在网页上刷新二维码后重新扫码。"),
  /** The store did not answer in time: nothing is promised, the user scans again. */
  RETRY("retry", "登录服务暂时繁忙，请稍后重新扫码。");

  private final String header;
  private final String text;

  ScanReply(String header, String text) {
    this.header = header;
    this.text = text;
  }

  /** The reply to a scan with this result. */
  static UserReply of(ScanResult result, int revokeWindowSeconds) {
    LoginRequester r = result.requester() == null ? new LoginRequester(null, null, null, null) : result.requester();
    return switch (result.outcome()) {
      case NEW_USER -> LOGGED_IN.with(ReplyTexts.autoLoggedIn(r, true, revokeWindowSeconds));
      case RETURNING_USER -> RETURNING.with(ReplyTexts.autoLoggedIn(r, false, revokeWindowSeconds));
      case SCANNED -> SCANNED.with(ReplyTexts.askToConfirm(r));
      case SAME_USER -> SAME_USER.reply();
      case TAKEN -> TAKEN.reply();
      case EXPIRED -> EXPIRED.reply();
    };
  }

  /** The {@value UserReply#HEADER} value. */
  String header() {
    return header;
  }

  UserReply reply() {
    return new UserReply(header, text);
  }

  private UserReply with(String shown) {
    return new UserReply(header, shown);
  }
}
