package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import io.wxlogin.login.guard.QrQuota.Permit;
import io.wxlogin.login.guard.QrRateLimiter.Limits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rate limit and the quota give the same answers and leave the same counts whether they run as one script
 * (standalone, sentinel) or one after the other (cluster mode), here both on one real redis-server.
 */
class QrAdmissionTest {

  private static final String APP = "wx5a7e0c1d2b3f4e6a";
  private static final String ADDRESS = "203.0.113.7";
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

  private QrAdmission admission(boolean oneStep, int perAddressPerMinute, int dailyQuota) {
    QrRateLimiter limiter = new QrRateLimiter(r.redis, r.keys, new Limits(perAddressPerMinute, 100, 100, 1000), day);
    QrQuota quota = new QrQuota(r.redis, r.keys, APP, dailyQuota, 300, day, new SimpleMeterRegistry());
    return new QrAdmission(r.redis, limiter, quota, oneStep);
  }

  private String count(String key) {
    Response value = r.cmd(Command.GET, key);
    return value == null ? null : value.toString();
  }

  private String addressMinute() {
    return count(r.keys.qrLimitAddress("203.0.113.0/24", ADDRESS, "m"));
  }

  private String quotaCount() {
    return count(r.keys.qrQuota(APP, day.date()));
  }

  @ParameterizedTest(name = "one script: {0}")
  @ValueSource(booleans = {true, false})
  void aRequestTheLimitRefusesSpendsNoQuota(boolean oneStep) {
    QrAdmission a = admission(oneStep, 1, 100);
    QrAdmission.Result first = r.await(a.take(ADDRESS));
    assertTrue(first.verdict().allowed());
    assertEquals(Permit.ALLOWED, first.permit());

    QrAdmission.Result refused = r.await(a.take(ADDRESS));

    assertEquals("address_minute", refused.verdict().window());
    assertTrue(refused.verdict().retryAfterSeconds() >= 1, refused.toString());
    assertNull(refused.permit());
    assertEquals("1", addressMinute(), "a refused request counts in no window");
    assertEquals("1", quotaCount(), "nor against the day's quota");
  }

  @ParameterizedTest(name = "one script: {0}")
  @ValueSource(booleans = {true, false})
  void aRequestTheQuotaRefusesStaysCountedInTheClientsWindows(boolean oneStep) {
    QrAdmission a = admission(oneStep, 100, 1);
    assertEquals(Permit.ALLOWED, r.await(a.take(ADDRESS)).permit());

    QrAdmission.Result spent = r.await(a.take(ADDRESS));

    assertTrue(spent.verdict().allowed());
    assertEquals(Permit.SPENT, spent.permit());
    assertEquals("2", addressMinute());
    assertEquals("1", quotaCount(), "the refusal is not counted against the quota");
    assertEquals("quota", count(r.keys.qrQuotaState(APP)));
  }
}
