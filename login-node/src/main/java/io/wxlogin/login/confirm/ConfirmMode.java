package io.wxlogin.login.confirm;

/**
 * {@code LOGIN_CONFIRM}: whether a scan logs the browser in at once ({@code auto}, the user may undo it by
 * replying {@code 0}) or waits for the user to reply {@code 1} ({@code reply}).
 */
public enum ConfirmMode {
  AUTO,
  REPLY
}
