package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.redis.client.Command;
import io.wxlogin.login.guard.ReplayGuard.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  private static GuardRedis r;
  private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
  private final ReplayGuard guard = new ReplayGuard(r.redis, r.keys, 300, now::get);

  @BeforeAll
  static void redis() {
    r = GuardRedis.standalone();
  }

  @AfterAll
  static void stop() throws Exception {
    r.close();
  }

  private Verdict check(long timestamp, String nonce, String body) {
    return r.await(guard.check(String.valueOf(timestamp), nonce, body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theSamePairWithTheSameBodyIsWeChatsRetryAndWithAnotherBodyAReplay() {
    long ts = now.get() / 1000;
    assertEquals(Verdict.FIRST, check(ts, "n-1", "<xml>scan A</xml>"));
    assertEquals(Verdict.RETRY, check(ts, "n-1", "<xml>scan A</xml>"));
    assertEquals(Verdict.REPLAY, check(ts, "n-1", "<xml>FromUserName=o_VICTIM</xml>"));
    assertEquals(Verdict.RETRY, check(ts, "n-1", "<xml>scan A</xml>"), "the replay did not rebind the pair");
    assertEquals(Verdict.FIRST, check(ts, "n-2", "<xml>FromUserName=o_VICTIM</xml>"), "another nonce is another pair");
  }

  @Test
  void aTimestampOutsideTheWindowIsStaleWhateverTheBody() {
    long ts = now.get() / 1000;
    assertEquals(Verdict.STALE, check(ts - 3600, "old", "<xml/>"), "an hour old");
    assertEquals(Verdict.STALE, check(ts + 301, "future", "<xml/>"));
    assertEquals(Verdict.FIRST, check(ts - 300, "edge", "<xml/>"));
    assertEquals(Verdict.STALE, r.await(guard.check("1", "n", new byte[0])));
    assertEquals(Verdict.STALE, r.await(guard.check("not-a-number", "n", new byte[0])));
    assertEquals(Verdict.STALE, r.await(guard.check(null, "n", new byte[0])));
  }

  @Test
  void thePairIsKeptForTwoWindowsUnderADigestNeverTheRawQuery() {
    long ts = now.get() / 1000;
    String nonce = "RAW-NONCE-" + ts;
    check(ts, nonce, "<xml/>");
    boolean found = false;
    for (var key : r.cmd(Command.KEYS, r.keys.callbackSeen("*"))) {
      assertTrue(!key.toString().contains(nonce), key.toString());
      long ttl = r.cmd(Command.TTL, key.toString()).toLong();
      assertTrue(ttl > 300 && ttl <= 600, "ttl " + ttl);
      found = true;
    }
    assertTrue(found);
  }
}
