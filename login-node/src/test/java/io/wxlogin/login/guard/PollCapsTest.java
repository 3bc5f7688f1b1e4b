package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PollCapsTest {

  @Test
  void capsHoldPerAddressAndPerSceneAndFreeOnRelease() {
    PollCaps caps = new PollCaps(3, 2);
    assertNull(caps.admit("203.0.113.7", "s1"));
    assertNull(caps.admit("203.0.113.7", "s1"));
    assertEquals("scene", caps.admit("203.0.113.7", "s1"));
    assertEquals("scene", caps.admit("198.51.100.1", "s1"), "the scene cap is the scene's, whoever asks");
    assertNull(caps.admit("203.0.113.7", "s2"));
    assertEquals("address", caps.admit("203.0.113.7", "s3"));
    assertNull(caps.admit("198.51.100.1", "s3"), "another address has its own cap");
    caps.release("203.0.113.7", "s1");
    assertNull(caps.admit("203.0.113.7", "s4"));
    assertEquals(3, caps.held("203.0.113.7"));
  }
}
