package io.wxlogin.sandbox.scan;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

/** Who follows the Official Account: decides subscribe (first scan) versus SCAN (already following). */
public final class Followers {

  private static final String OPENID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Set<String> following = new HashSet<>();

  /**
   * Whether {@code openid} follows when it scans; {@code claimed} (the request's "follower") overrides
   * the registry, e.g. to replay an unfollow-then-follow. Either way the user follows afterwards.
   */
  public boolean followsOnScan(String openid, Boolean claimed) {
    boolean follows = claimed != null ? claimed : following.contains(openid);
    following.add(openid);
    return follows;
  }

  /** An OpenID shaped like WeChat's: {@code o} and 27 characters of {@code [A-Za-z0-9_-]}. */
  public static String newOpenId() {
    StringBuilder sb = new StringBuilder("o");
    for (int i = 0; i < 27; i++) {
      sb.append(OPENID_CHARS.charAt(RANDOM.nextInt(OPENID_CHARS.length())));
    }
    return sb.toString();
  }
}
