package io.wxlogin.redis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

  @Test
  void standaloneKeysAreThePrefixedNamesOperatorsReadInTheReadme() {
    RedisKeys k = new RedisKeys("wxlogin:", false);
    assertAll(
        () -> assertEquals("wxlogin:", k.prefix()),
        () -> assertEquals("wxlogin:token:wx1", k.token("wx1")),
        () -> assertEquals("wxlogin:token-lease:wx1", k.tokenLease("wx1")),
        () -> assertEquals("wxlogin:scene:s1", k.scene("s1")),
        () -> assertEquals("wxlogin:user:o1", k.user("o1")),
        () -> assertEquals("wxlogin:session:ab12", k.session("ab12")),
        () -> assertEquals("wxlogin:node:n1", k.nodeChannel("n1")),
        () -> assertEquals("wxlogin:token-refresh", k.tokenRefreshChannel()),
        () -> assertEquals("wxlogin:token-updated", k.tokenUpdatedChannel()));
  }

  @Test
  void clusterTokenAndLeaseKeysShareOneSlotPerAppId() {
    RedisKeys k = new RedisKeys("wxlogin:", true);
    assertEquals("wxlogin:token:{wxba5fad812f8e6fb9}", k.token("wxba5fad812f8e6fb9"));
    assertEquals("wxlogin:token-lease:{wxba5fad812f8e6fb9}", k.tokenLease("wxba5fad812f8e6fb9"));
    for (String prefix : new String[] {"wxlogin:", "", "a:b:", "{all}:"}) {
      RedisKeys keys = new RedisKeys(prefix, true);
      for (String appId : new String[] {"wx1", "wxba5fad812f8e6fb9", "wx49f0ab532d5d035a", "app-1_x"}) {
        assertEquals(slot(keys.token(appId)), slot(keys.tokenLease(appId)), prefix + " " + appId);
      }
    }
  }

  @Test
  void clusterSpreadsScenesAndAppIdsOverSlots() {
    RedisKeys k = new RedisKeys("wxlogin:", true);
    assertEquals("wxlogin:scene:s1", k.scene("s1"));
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      slots.add(slot(k.scene("scene-" + i)));
    }
    assertNotEquals(1, slots.size(), "scene keys must not all hash to one slot");
    assertNotEquals(slot(k.token("wx1")), slot(k.token("wx2")));
  }

  @Test
  void slotHelperAgreesWithRedisClusterKeyslot() {
    // Values printed by CLUSTER KEYSLOT on a redis-server started with cluster-enabled yes.
    assertAll(
        () -> assertEquals(12182, slot("foo")),
        () -> assertEquals(11058, slot("somekey")),
        () -> assertEquals(2515, slot("foo{hash_tag}")),
        () -> assertEquals(3443, slot("{user1000}.following")),
        () -> assertEquals(8363, slot("foo{}{bar}")),
        () -> assertEquals(14874, slot("wxlogin:token:{wx1}")));
  }

  @Test
  void anEmptyBracePairInThePrefixWouldSplitTokenAndLease() {
    // Why RedisConfig refuses braces in a cluster prefix: Redis takes the first {...}, and "{}" means no tag.
    RedisKeys k = new RedisKeys("x{}:", true);
    assertEquals(2646, slot(k.token("wx1")));
    assertEquals(4664, slot(k.tokenLease("wx1")));
  }

  /** The cluster slot Redis computes for a key: CRC16 of the first non-empty {...} tag, else of the key. */
  static int slot(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        key = key.substring(open + 1, close);
      }
    }
    return crc16(key) % 16384;
  }

  /** CRC16-CCITT (XModem), as in the Redis cluster specification. */
  private static int crc16(String s) {
    int crc = 0;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      crc ^= (b & 0xff) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        crc &= 0xffff;
      }
    }
    return crc;
  }
}
