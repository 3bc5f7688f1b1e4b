package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private static final ClientAddress NO_PROXY = ClientAddress.trusting("");
  private static final ClientAddress BEHIND_NGINX = ClientAddress.trusting("127.0.0.1/32, 10.0.0.0/8, fd00::/8");

  @Test
  void withoutTrustedProxiesTheTcpPeerIsTheClientWhateverTheHeaderSays() {
    assertEquals("198.51.100.7", NO_PROXY.of("198.51.100.7", List.of("203.0.113.1")));
    assertEquals("198.51.100.7", NO_PROXY.of("198.51.100.7", List.of("203.0.113.1, 127.0.0.1")));
    assertEquals("198.51.100.7", NO_PROXY.of("198.51.100.7", List.of()));
  }

  @Test
  void aPeerThatIsNotTrustedCannotForgeItsAddress() {
    assertEquals("198.51.100.7", BEHIND_NGINX.of("198.51.100.7", List.of("10.1.1.1")));
    assertEquals("198.51.100.7", BEHIND_NGINX.of("198.51.100.7", List.of("127.0.0.1")));
  }

  @Test
  void behindATrustedProxyTheRightMostUntrustedEntryIsTheClient() {
    assertEquals("203.0.113.9", BEHIND_NGINX.of("127.0.0.1", List.of("203.0.113.9")));
    // the client wrote the left part itself; nginx appended what it saw
    assertEquals("203.0.113.9", BEHIND_NGINX.of("127.0.0.1", List.of("1.1.1.1, 8.8.8.8, 203.0.113.9")));
    // two trusted hops (a load balancer in 10/8, then nginx on loopback)
    assertEquals("203.0.113.9", BEHIND_NGINX.of("127.0.0.1", List.of("6.6.6.6, 203.0.113.9, 10.2.3.4")));
    // several headers are one list, in order
    assertEquals("203.0.113.9", BEHIND_NGINX.of("127.0.0.1", List.of("6.6.6.6", "203.0.113.9, 10.2.3.4")));
  }

  @Test
  void aTrustedProxyWithoutHeaderOrAllTrustedHopsIsItsOwnClient() {
    assertEquals("127.0.0.1", BEHIND_NGINX.of("127.0.0.1", List.of()));
    assertEquals("10.9.9.9", BEHIND_NGINX.of("127.0.0.1", List.of("10.9.9.9, 10.2.3.4")));
  }

  @Test
  void garbageStopsTheWalkAtTheNearestTrustedHop() {
    assertEquals("10.2.3.4", BEHIND_NGINX.of("127.0.0.1", List.of("203.0.113.9, evil.example, 10.2.3.4")));
    assertEquals("127.0.0.1", BEHIND_NGINX.of("127.0.0.1", List.of("unknown")));
    assertEquals("127.0.0.1", BEHIND_NGINX.of("127.0.0.1", List.of("")));
    assertEquals("127.0.0.1", BEHIND_NGINX.of("127.0.0.1", List.of("1.2.3")));
    for (String notV4 : List.of("1.2.3.4.5", "256.1.1.1", "1.2.3.04", "01.2.3.4", "1..2.3", "1.2.3.", ".1.2.3",
        "1.2.3.4x", "1234.1.1.1", "1.2.3.-4", "+1.2.3.4")) {
      assertEquals("127.0.0.1", BEHIND_NGINX.of("127.0.0.1", List.of(notV4)), notV4);
    }
    assertEquals("255.0.0.9", BEHIND_NGINX.of("127.0.0.1", List.of("255.0.0.9")));
    assertEquals("127.0.0.1", BEHIND_NGINX.of("127.0.0.1", List.of("localhost")));
  }

  @Test
  void forwardedEntriesWithPortsBracketsAndIpv6AreRead() {
    assertEquals("203.0.113.9", BEHIND_NGINX.of("127.0.0.1", List.of("203.0.113.9:51234")));
    assertEquals("2001:db8::1", BEHIND_NGINX.of("127.0.0.1", List.of("[2001:DB8:0:0:0:0:0:1]:443")));
    assertEquals("2001:db8::1", BEHIND_NGINX.of("127.0.0.1", List.of("2001:db8::1")));
    assertEquals("2001:db8::1", BEHIND_NGINX.of("fd00::5", List.of("2001:db8::1, fd12::1")));
    assertEquals("203.0.113.9", BEHIND_NGINX.of("::ffff:127.0.0.1", List.of("::ffff:203.0.113.9")),
        "IPv4-mapped IPv6 is the IPv4 address");
  }

  @Test
  void aThousandHopHeaderIsReadFromItsRightEndOnly() {
    String header = "9.9.9.9, ".repeat(1000) + "10.0.0.1";
    assertEquals("9.9.9.9", BEHIND_NGINX.of("127.0.0.1", List.of(header)));
    String allTrusted = "10.0.0.1, ".repeat(1000) + "10.0.0.2";
    assertEquals("10.0.0.1", BEHIND_NGINX.of("127.0.0.1", List.of(allTrusted)));
  }

  @Test
  void peersOutsideIpAreUnknown() {
    assertEquals(ClientAddress.UNKNOWN, NO_PROXY.of(null, List.of()));
    assertEquals(ClientAddress.UNKNOWN, NO_PROXY.of("/tmp/socket", List.of()));
  }

  @Test
  void trustedProxiesMustBeCidrs() {
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("nginx"));
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("10.0.0.0/8,::1/129"));
    assertFalse(ClientAddress.trusting(" , ").trustsAnyone());
    assertTrue(ClientAddress.trusting("::1").isTrustedProxy("0:0:0:0:0:0:0:1"));
    assertTrue(ClientAddress.trusting("10.0.0.0/8").isTrustedProxy("10.255.0.1"));
    assertFalse(ClientAddress.trusting("10.0.0.0/8").isTrustedProxy("11.0.0.1"));
  }

  @Test
  void subnetsAreSlash24AndSlash64() {
    assertEquals("203.0.113.0/24", ClientAddress.subnet("203.0.113.77"));
    assertEquals("2001:db8:1:2::/64", ClientAddress.subnet("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    assertEquals("2001:db8::/64", ClientAddress.subnet("2001:db8::1"));
    assertEquals("::/64", ClientAddress.subnet("::1"));
    assertEquals(ClientAddress.UNKNOWN, ClientAddress.subnet("garbage"));
  }

  @Test
  void maskedShowsTheNetworkOnly() {
    assertEquals("203.0.113.*", ClientAddress.masked("203.0.113.77"));
    assertEquals("2001:db8:1::*", ClientAddress.masked("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    assertEquals("2001:db8:0::*", ClientAddress.masked("2001:db8::1"));
    assertEquals(ClientAddress.UNKNOWN, ClientAddress.masked("<script>"));
  }

  @Test
  void ipv6IsWrittenInItsCanonicalForm() {
    assertEquals("2001:db8::1:0:0:1", IpAddress.canonical(IpAddress.parse("2001:0db8:0:0:1:0:0:1")));
    assertEquals("::1", IpAddress.canonical(IpAddress.parse("0:0:0:0:0:0:0:1")));
    assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.canonical(IpAddress.parse("2001:db8:0:1:1:1:1:1")));
    assertEquals("fe80::", IpAddress.canonical(IpAddress.parse("fe80:0:0:0:0:0:0:0")));
    assertEquals("::", IpAddress.canonical(IpAddress.parse("::")));
  }
}
