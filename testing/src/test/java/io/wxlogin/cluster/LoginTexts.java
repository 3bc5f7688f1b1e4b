package io.wxlogin.cluster;

import io.wxlogin.login.confirm.LoginRequester;
import io.wxlogin.login.confirm.ReplyTexts;

/**
 * The WeChat replies to a login scan (LOGIN_CONFIRM=auto) of a QR code asked for by these tests' HTTP client: its
 * User-Agent names no browser, and it comes from loopback.
 */
final class LoginTexts {

  static final LoginRequester TEST_CLIENT = new LoginRequester(null, null, "127.0.0.*", null);
  static final String NEW_USER = ReplyTexts.autoLoggedIn(TEST_CLIENT, true);
  static final String RETURNING = ReplyTexts.autoLoggedIn(TEST_CLIENT, false);

  private LoginTexts() {
  }
}
