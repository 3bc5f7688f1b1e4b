package io.wxlogin.login.callback;

/**
 * One passive text reply: what the user reads in WeChat, and the outcome in machine-readable form for the
 * callback's {@value #HEADER} response header.
 */
record UserReply(String header, String text) {

  static final String HEADER = "X-Wxlogin-Outcome";
}
