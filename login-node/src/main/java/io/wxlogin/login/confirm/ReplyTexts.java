package io.wxlogin.login.confirm;

import java.time.Duration;

/**
 * Everything the Official Account says to the user about a login, in one place so the two modes read alike.
 * Each text names what is being logged in (browser, OS, masked network, site), which is what lets a user
 * spot a QR code an attacker sent them.
 */
public final class ReplyTexts {

  /** How long after an automatic login a {@code 0} still logs that browser out. */
  public static final Duration REVOKE_WINDOW = Duration.ofMinutes(10);
  private static final String DONT_SCAN_OTHERS = "如果不是你本人在登录，请不要扫描别人发给你的二维码。";

  private ReplyTexts() {
  }

  /** 「你正在 Windows 上的 Chrome（IP 203.0.113.*）登录 示例网站」 */
  public static String loggingIn(LoginRequester r) {
    return "你正在 " + spaced(r.deviceAndNet()) + "登录 " + r.siteOrDefault();
  }

  /** {@code LOGIN_CONFIRM=auto}: the scan logged the browser in; a {@code 0} can still undo it. */
  public static String autoLoggedIn(LoginRequester r, boolean newUser) {
    return autoLoggedIn(r, newUser, (int) REVOKE_WINDOW.toSeconds());
  }

  /** The same with a revoke window of {@code windowSeconds} ({@code LOGIN_REVOKE_WINDOW_SECONDS}). */
  public static String autoLoggedIn(LoginRequester r, boolean newUser, int windowSeconds) {
    return loggingIn(r) + "。\n" + welcome(newUser) + "请回到网页继续。\n不是你本人？" + window(windowSeconds)
        + "内回复 0 让该浏览器退出";
  }

  /** {@code LOGIN_CONFIRM=reply}: the scan is recorded and waits for the user's answer. */
  public static String askToConfirm(LoginRequester r) {
    return loggingIn(r) + "。\n回复 1 确认登录，回复 0 拒绝";
  }

  /** A {@code 1} confirmed the waiting login. */
  public static String confirmed(LoginRequester r, boolean newUser) {
    return "已确认：" + r.device() + " 登录 " + r.siteOrDefault() + "。\n" + welcome(newUser) + "请回到网页继续。";
  }

  /** A {@code 1} for a login this user already confirmed. */
  public static String alreadyConfirmed() {
    return "这次登录已经确认过了，请回到网页继续。";
  }

  /** A {@code 0} for a login already refused or ended by an earlier message. */
  public static String alreadyEnded() {
    return "这次登录已经拒绝或退出了，无需再次回复。";
  }

  /** A {@code 0} refused the waiting login: that browser gets nothing. */
  public static String refused(LoginRequester r) {
    return "已拒绝，" + spaced(r.deviceAndNet()) + "没有登录 " + r.siteOrDefault() + "。" + DONT_SCAN_OTHERS;
  }

  /** A {@code 0} within the window ended the session the scan had created, on every node. */
  public static String revoked(LoginRequester r) {
    return "已让 " + spaced(r.deviceAndNet()) + "退出 " + r.siteOrDefault() + "。" + DONT_SCAN_OTHERS;
  }

  /** A {@code 1} with no login of this user waiting for it. */
  public static String nothingToConfirm() {
    return "现在没有等待你确认的登录。要登录，请扫描网页上的二维码。";
  }

  /** A {@code 0} with nothing to refuse, and no automatic login recent enough to undo. */
  public static String nothingToRefuse() {
    return nothingToRefuse((int) REVOKE_WINDOW.toSeconds());
  }

  /** The same with a revoke window of {@code windowSeconds}. */
  public static String nothingToRefuse(int windowSeconds) {
    return "现在没有等待你确认的登录，也没有 " + window(windowSeconds) + "内可以退出的登录。";
  }

  /** 「10 分钟」, 「90 秒」: a window as the user reads it. */
  static String window(int seconds) {
    return seconds % 60 == 0 ? seconds / 60 + " 分钟" : seconds + " 秒";
  }

  // a space between Latin and Chinese words, none after a full-width bracket
  private static String spaced(String device) {
    return device.endsWith("）") ? device : device + " ";
  }

  private static String welcome(boolean newUser) {
    return newUser ? "登录成功，欢迎！" : "登录成功，欢迎回来！";
  }
}
