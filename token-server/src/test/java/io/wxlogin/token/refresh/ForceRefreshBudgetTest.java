package io.wxlogin.token.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.token.testing.TestRedis;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ForceRefreshBudgetTest {

  private static Vertx vertx;
  private static Redis redis;
  private static TestRedis direct;
  private static final RedisKeys KEYS = new RedisKeys("fb:", false);
  /** 10:00 Beijing time. */
  private static final long MORNING = ZonedDateTime.of(2025, 3, 1, 10, 0, 0, 0, ForceRefreshBudget.WECHAT_DAY)
      .toInstant().toEpochMilli();

  @BeforeAll
  static void redis() {
    direct = TestRedis.start();
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, direct.server().url());
  }

  @AfterAll
  static void close() {
    vertx.close();
    direct.close();
  }

  private static ForceRefreshBudget.Answer reserve(ForceRefreshBudget budget, long now) throws Exception {
    return budget.reserve(now).await(5, TimeUnit.SECONDS);
  }

  private static ForceRefreshBudget holding(String appId) {
    direct.set(KEYS.tokenLease(appId), "me", 60_000);
    return new ForceRefreshBudget(redis, KEYS, appId, "me");
  }

  @Test
  void forceRefreshesAreSpacedThirtySecondsApart() throws Exception {
    ForceRefreshBudget budget = holding("spacing");
    assertTrue(reserve(budget, MORNING).granted());
    assertEquals(30_000 - 1_000, reserve(budget, MORNING + 1_000).waitMs());
    assertTrue(reserve(budget, MORNING + 30_000).granted());
  }

  @Test
  void twentyADayThenNoneUntilMidnightInBeijing() throws Exception {
    ForceRefreshBudget budget = holding("daily");
    for (int i = 0; i < 20; i++) {
      assertTrue(reserve(budget, MORNING + i * 30_000L).granted(), "force " + (i + 1));
    }
    assertTrue(reserve(budget, MORNING + 20 * 30_000L).usedUp());
    long nextDay = MORNING + 14 * 3_600_000L;
    assertTrue(reserve(budget, nextDay).granted());
  }

  @Test
  void onlyTheLeaseHolderMayReserve() throws Exception {
    direct.set(KEYS.tokenLease("other"), "someone-else", 60_000);
    ForceRefreshBudget budget = new ForceRefreshBudget(redis, KEYS, "other", "me");
    assertTrue(reserve(budget, MORNING).notHolder());
  }

  @Test
  void theBudgetKeyIsTaggedLikeTheLeaseInClusterMode() {
    assertEquals("p:token-force:{wx1}", new RedisKeys("p:", true).tokenForce("wx1"));
    assertEquals("p:token-force:wx1", new RedisKeys("p:", false).tokenForce("wx1"));
  }
}
