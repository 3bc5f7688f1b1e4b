package io.wxlogin.login.guard;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a request comes from, for rate limits and caps (docs/security.md, "Client address"). It is the TCP peer,
 * unless the peer is one of {@code TRUSTED_PROXIES}: then it is the right-most {@code X-Forwarded-For} entry
 * that is not itself a trusted proxy. Entries to the left of that one were written by the client and are never
 * believed, so a forged header changes nothing; and a peer outside the list is never asked about headers.
 */
public final class ClientAddress {

  /** More hops than any real proxy chain; a longer header is read from its right end only. */
  private static final int MAX_HOPS = 32;
  static final String UNKNOWN = "unknown";

  private final List<Cidr> trusted;

  private ClientAddress(List<Cidr> trusted) {
    this.trusted = trusted;
  }

  /**
   * The rule for {@code TRUSTED_PROXIES}: comma-separated CIDRs or addresses, IPv4 or IPv6; empty trusts no one.
   *
   * @throws IllegalArgumentException naming the first entry that is not a CIDR
   */
  public static ClientAddress trusting(String trustedProxies) {
    List<Cidr> blocks = new ArrayList<>();
    if (trustedProxies != null) {
      for (String entry : trustedProxies.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        Cidr cidr = Cidr.parse(entry);
        if (cidr == null) {
          throw new IllegalArgumentException("'" + entry.strip() + "' is not an address or CIDR such as 10.0.0.0/8");
        }
        blocks.add(cidr);
      }
    }
    return new ClientAddress(List.copyOf(blocks));
  }

  public boolean trustsAnyone() {
    return !trusted.isEmpty();
  }

  /** The client's address in canonical form, or {@code unknown} when the peer has no IP (a Unix socket). */
  public String of(HttpServerRequest request) {
    SocketAddress peer = request.connection() != null ? request.connection().remoteAddress() : request.remoteAddress();
    return of(peer == null ? null : peer.hostAddress(), request.headers().getAll("X-Forwarded-For"));
  }

  /** The client's network as a page may show it ({@link #masked}), or null when the peer has no IP address. */
  public String maskedNet(HttpServerRequest request) {
    String address = of(request);
    return UNKNOWN.equals(address) ? null : masked(address);
  }

  /** The rule itself, for a peer address and the request's {@code X-Forwarded-For} headers in order. */
  public String of(String peerAddress, List<String> forwardedFor) {
    InetAddress peer = IpAddress.parse(peerAddress);
    if (peer == null) {
      return UNKNOWN;
    }
    if (!trusted(peer) || forwardedFor.isEmpty()) {
      return IpAddress.canonical(peer);
    }
    InetAddress nearest = peer;
    List<String> hops = hops(forwardedFor);
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = IpAddress.parse(hops.get(i));
      if (hop == null) {
        // a trusted proxy always writes its peer's address: garbage here was written further left, by the client
        break;
      }
      if (!trusted(hop)) {
        return IpAddress.canonical(hop);
      }
      nearest = hop;
    }
    return IpAddress.canonical(nearest);
  }

  /** Whether a connection from this peer is one of the trusted proxies (exempt from per-address caps). */
  public boolean isTrustedProxy(String peerAddress) {
    InetAddress peer = IpAddress.parse(peerAddress);
    return peer != null && trusted(peer);
  }

  private boolean trusted(InetAddress address) {
    for (Cidr cidr : trusted) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The last {@link #MAX_HOPS} comma-separated entries of all headers, left to right. */
  private static List<String> hops(List<String> headers) {
    List<String> hops = new ArrayList<>();
    for (String header : headers) {
      for (String entry : header.split(",")) {
        hops.add(entry);
      }
    }
    return hops.size() <= MAX_HOPS ? hops : hops.subList(hops.size() - MAX_HOPS, hops.size());
  }

  /** The subnet rate limits share: IPv4 /24 ({@code 203.0.113.0/24}), IPv6 /64 ({@code 2001:db8:1:2::/64}). */
  public static String subnet(String ip) {
    InetAddress address = IpAddress.parse(ip);
    if (address == null) {
      return UNKNOWN;
    }
    int prefix = IpAddress.isV6(address) ? 64 : 24;
    return IpAddress.canonical(IpAddress.byAddress(Cidr.mask(address.getAddress(), prefix))) + "/" + prefix;
  }

  /**
   * The address as a page may show it to its user: IPv4 /24 as {@code 203.0.113.*}, IPv6 /48 as
   * {@code 2001:db8:1::*}. Enough to recognise one's own network, too little to find a person.
   */
  public static String masked(String ip) {
    InetAddress address = IpAddress.parse(ip);
    if (address == null) {
      return UNKNOWN;
    }
    byte[] b = address.getAddress();
    if (!IpAddress.isV6(address)) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".*";
    }
    int[] g = IpAddress.groups(b);
    return Integer.toHexString(g[0]) + ":" + Integer.toHexString(g[1]) + ":" + Integer.toHexString(g[2]) + "::*";
  }
}
