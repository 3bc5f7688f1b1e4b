package io.wxlogin.login.ops;

/**
 * A key glob made by {@code RedisKeys} with one {@code *} (e.g. {@code keys.token("*")}), and the part of a
 * matching key that stood for it: scans find keys, this gives back the appid or scene id inside them.
 */
record KeyPattern(String glob, String head, String tail) {

  static KeyPattern of(String glob) {
    int star = glob.indexOf('*');
    return new KeyPattern(glob, glob.substring(0, star), glob.substring(star + 1));
  }

  /** The wildcard's value in {@code key}, or null when the key does not fit. */
  String part(String key) {
    if (!key.startsWith(head) || !key.endsWith(tail) || key.length() < head.length() + tail.length()) {
      return null;
    }
    return key.substring(head.length(), key.length() - tail.length());
  }
}
