package io.wxlogin.login.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals, read without ever asking DNS ({@link InetAddress#getByName} resolves anything that is
 * not a literal, so a header value must be checked first), and written in one canonical form: dotted IPv4,
 * RFC 5952 IPv6 (lower case, the longest zero run as {@code ::}); an IPv4-mapped IPv6 address is its IPv4.
 */
final class IpAddress {

  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  private IpAddress() {
  }

  /**
   * The address in {@code text}, or null when it is not one. Accepts what proxies write in
   * {@code X-Forwarded-For}: {@code 1.2.3.4}, {@code 1.2.3.4:port}, {@code 2001:db8::1}, {@code [2001:db8::1]}
   * and {@code [2001:db8::1]:port}; no zone ids, no host names.
   */
  static InetAddress parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || !(close == s.length() - 1 || s.charAt(close + 1) == ':'
          && PORT.matcher(s.substring(close + 2)).matches())) {
        return null;
      }
      return v6(s.substring(1, close));
    }
    int colon = s.indexOf(':');
    if (colon > 0 && colon == s.lastIndexOf(':') && PORT.matcher(s.substring(colon + 1)).matches()) {
      s = s.substring(0, colon);
    }
    return s.indexOf(':') >= 0 ? v6(s) : v4(s);
  }

  /** Four decimal parts 0-255 without leading zeros, read by hand: this runs for every request. */
  private static InetAddress v4(String s) {
    byte[] bytes = new byte[4];
    int at = 0;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (at >= s.length() || s.charAt(at) != '.') {
          return null;
        }
        at++;
      }
      int start = at;
      int value = 0;
      while (at < s.length() && at - start < 3 && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
        value = value * 10 + s.charAt(at++) - '0';
      }
      if (at == start || value > 255 || at - start > 1 && s.charAt(start) == '0') {
        return null;
      }
      bytes[part] = (byte) value;
    }
    return at == s.length() ? byAddress(bytes) : null;
  }

  private static InetAddress v6(String s) {
    if (!V6.matcher(s).matches()) {
      return null;
    }
    try {
      // a string with ':' is only ever read as an IPv6 literal, never looked up
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an address is 4 or 16 bytes", e);
    }
  }

  static String canonical(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    return v6Text(groups(address.getAddress()), 8);
  }

  static int[] groups(byte[] bytes) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    return g;
  }

  /** The first {@code count} groups in RFC 5952 form (the longest run of two or more zero groups is "::"). */
  static String v6Text(int[] g, int count) {
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < count; ) {
      int j = i;
      while (j < count && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]));
    }
    return out.toString();
  }

  static boolean isV6(InetAddress address) {
    return address instanceof Inet6Address;
  }
}
