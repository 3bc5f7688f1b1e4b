package io.wxlogin.e2e;

/** Openids shaped like WeChat's (28 characters of [A-Za-z0-9_-]), one per test user. */
final class Users {

  private Users() {
  }

  static String openid(String tag) {
    String id = "oE2e" + tag;
    if (id.length() > 28 || !id.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("tag too long or not openid characters: " + tag);
    }
    return id + "0".repeat(28 - id.length());
  }

  /** How the page shows an openid: its first 6 and last 4 characters. */
  static String shown(String openid) {
    return openid.length() <= 12 ? openid : openid.substring(0, 6) + "…" + openid.substring(openid.length() - 4);
  }
}
