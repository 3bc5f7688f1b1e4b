package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.redis.client.Command;
import io.wxlogin.login.guard.QrRateLimiter.Limits;
import io.wxlogin.login.guard.QrRateLimiter.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QrRateLimiterTest {

  private static GuardRedis r;
  private final WeChatDay day = WeChatDay.system();

  @BeforeAll
  static void redis() {
    r = GuardRedis.standalone();
  }

  @AfterAll
  static void stop() throws Exception {
    r.close();
  }

  @BeforeEach
  void empty() {
    r.flush();
  }

  private QrRateLimiter limiter(int addrMin, int addrDay, int netMin, int netDay) {
    return new QrRateLimiter(r.redis, r.keys, new Limits(addrMin, addrDay, netMin, netDay), day);
  }

  private Verdict take(QrRateLimiter l, String address) {
    return r.await(l.take(address));
  }

  @Test
  void anAddressGetsItsMinuteLimitThenWaitsOutTheMinute() {
    QrRateLimiter l = limiter(3, 100, 100, 1000);
    for (int i = 0; i < 3; i++) {
      assertTrue(take(l, "203.0.113.7").allowed());
    }
    Verdict refused = take(l, "203.0.113.7");
    assertFalse(refused.allowed());
    assertEquals("address_minute", refused.window());
    assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 60, refused.toString());
    assertTrue(take(l, "203.0.113.8").allowed(), "a neighbour has its own address limit");
  }

  @Test
  void refusedRequestsCountInNoWindow() {
    QrRateLimiter l = limiter(2, 100, 100, 1000);
    for (int i = 0; i < 50; i++) {
      take(l, "203.0.113.7");
    }
    String subnetMinute = r.keys.qrLimitSubnet("203.0.113.0/24", "m");
    assertEquals("2", r.cmd(Command.GET, subnetMinute).toString(), "only the two allowed requests count");
    assertEquals("2", r.cmd(Command.GET, r.keys.qrLimitAddress("203.0.113.0/24", "203.0.113.7", "d")).toString());
  }

  @Test
  void aSubnetSharesOneLimitAcrossItsAddresses() {
    QrRateLimiter l = limiter(100, 100, 5, 1000);
    for (int i = 1; i <= 5; i++) {
      assertTrue(take(l, "198.51.100." + i).allowed());
    }
    Verdict refused = take(l, "198.51.100.200");
    assertEquals("subnet_minute", refused.window());
    assertTrue(take(l, "198.51.101.1").allowed(), "the next /24 is another subnet");
  }

  @Test
  void ipv6AddressesOfOneSlash64ShareTheSubnetLimit() {
    QrRateLimiter l = limiter(100, 100, 2, 1000);
    assertTrue(take(l, "2001:db8:1:2::1").allowed());
    assertTrue(take(l, "2001:db8:1:2:ffff::9").allowed());
    assertEquals("subnet_minute", take(l, "2001:db8:1:2:abcd::1").window());
    assertTrue(take(l, "2001:db8:1:3::1").allowed());
  }

  @Test
  void theDayLimitLastsUntilTheWeChatDayEnds() {
    QrRateLimiter l = limiter(100, 2, 100, 1000);
    assertTrue(take(l, "203.0.113.7").allowed());
    assertTrue(take(l, "203.0.113.7").allowed());
    Verdict refused = take(l, "203.0.113.7");
    assertEquals("address_day", refused.window());
    assertTrue(Math.abs(refused.retryAfterSeconds() - day.secondsLeft()) <= 2,
        refused.retryAfterSeconds() + " s, but the Beijing day ends in " + day.secondsLeft() + " s");
    long ttl = r.cmd(Command.TTL, r.keys.qrLimitSubnet("203.0.113.0/24", "d")).toLong();
    assertTrue(Math.abs(ttl - day.secondsLeft()) <= 2, "the day counter expires with the day: " + ttl);
  }

  @Test
  void aZeroLimitIsOff() {
    QrRateLimiter l = limiter(0, 0, 0, 0);
    for (int i = 0; i < 20; i++) {
      assertTrue(take(l, "203.0.113.7").allowed());
    }
  }

  @Test
  void defaultsKeepOneAddressUnderOnePercentAndOneSubnetUnderFivePercent() {
    Limits d = Limits.defaults(100_000);
    assertEquals(1_000, d.perAddressPerDay());
    assertEquals(5_000, d.perSubnetPerDay());
    assertEquals(100, Limits.defaults(10_000).perAddressPerDay(), "a test account's 10,000 a day");
  }
}
