package io.wxlogin.login.confirm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The client network shown in the reply: never the full address, never a name looked up. */
class RequesterDescriberTest {

  @Test
  void addressesAreMaskedToTheirNetwork() {
    assertEquals("203.0.113.*", RequesterDescriber.masked("203.0.113.7"));
    assertEquals("2001:db8:1::*", RequesterDescriber.masked("2001:db8:1:2:3:4:5:6"));
    assertEquals("2001:db8:0::*", RequesterDescriber.masked("2001:db8::1"));
    assertEquals("0:0:0::*", RequesterDescriber.masked("::1"));
  }

  @Test
  void anythingButAnAddressLiteralIsUnknown() {
    assertNull(RequesterDescriber.masked(null));
    assertNull(RequesterDescriber.masked("localhost"));
    assertNull(RequesterDescriber.masked("example.com"));
    assertNull(RequesterDescriber.masked("999.1.1.1"));
  }
}
