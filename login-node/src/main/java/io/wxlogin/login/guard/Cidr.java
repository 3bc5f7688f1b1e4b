package io.wxlogin.login.guard;

import java.net.InetAddress;

/** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is its own /32 or /128. */
record Cidr(byte[] network, int prefix) {

  /** The block in {@code text}, or null when it is not one. */
  static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    InetAddress address = IpAddress.parse(slash < 0 ? s : s.substring(0, slash));
    if (address == null || s.startsWith("[")) {
      return null;
    }
    int bits = address.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
        return null;
      }
      prefix = Integer.parseInt(p);
    }
    return new Cidr(mask(address.getAddress(), prefix), prefix);
  }

  boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    return a.length == network.length && java.util.Arrays.equals(mask(a, prefix), network);
  }

  /** {@code bytes} with every bit after the first {@code prefix} cleared. */
  static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - 8 * i));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }

  @Override
  public String toString() {
    return IpAddress.canonical(IpAddress.byAddress(network)) + "/" + prefix;
  }
}
