package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.login.guard.QrRateLimiter.Limits;
import org.junit.jupiter.api.Test;

/** On a real three-master Redis Cluster the four windows of one request live in one slot. */
class QrRateLimiterClusterTest {

  @Test
  void everyGuardScriptRunsOnARedisCluster() throws Exception {
    try (GuardRedis r = GuardRedis.cluster()) {
      QrRateLimiter l = new QrRateLimiter(r.redis, r.keys, new Limits(2, 100, 100, 1000), WeChatDay.system());
      for (String address : new String[] {"203.0.113.7", "198.51.100.1", "2001:db8:1:2::1", "10.0.0.1"}) {
        assertTrue(r.await(l.take(address)).allowed(), address);
        assertTrue(r.await(l.take(address)).allowed(), address);
        assertEquals("address_minute", r.await(l.take(address)).window(), address);
      }
      QrQuota quota = new QrQuota(r.redis, r.keys, "wx5a7e0c1d2b3f4e6a", 1, 300, WeChatDay.system(),
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
      assertEquals(QrQuota.Permit.ALLOWED, r.await(quota.take()));
      assertEquals(QrQuota.Permit.SPENT, r.await(quota.take()));
      r.await(quota.spentByWeChat());
      r.await(quota.probeSucceeded());
      assertEquals(QrQuota.Permit.ALLOWED, r.await(quota.take()));
      QrAdmission admission = new QrAdmission(r.redis, l, quota, r.keys.multiKeyScripts());
      assertEquals(QrQuota.Permit.ALLOWED, r.await(admission.take("192.0.2.1")).permit());
      assertEquals(QrQuota.Permit.ALLOWED, r.await(admission.take("192.0.2.1")).permit());
      assertEquals("address_minute", r.await(admission.take("192.0.2.1")).verdict().window());
      ReplayGuard replay = new ReplayGuard(r.redis, r.keys, 300);
      String ts = String.valueOf(System.currentTimeMillis() / 1000);
      assertEquals(ReplayGuard.Verdict.FIRST, r.await(replay.check(ts, "n", new byte[] {1})));
      assertEquals(ReplayGuard.Verdict.REPLAY, r.await(replay.check(ts, "n", new byte[] {2})));
    }
  }
}
