package io.wxlogin.token.refresh;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisFields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * WeChat allows stable_token's force_refresh 20 times a day, 30 s apart. The count lives in Redis
 * ({@code token-force:<appid>}), not in memory, so a standby that takes over does not start a fresh day.
 */
final class ForceRefreshBudget {

  static final int PER_DAY = 20;
  static final long SPACING_MS = 30_000;
  /** WeChat's quotas reset at midnight Beijing time. */
  static final ZoneId WECHAT_DAY = ZoneId.of("Asia/Shanghai");
  private static final LuaScript RESERVE = LuaScript.load(ForceRefreshBudget.class, "force-budget.lua",
      LuaScript.fieldTable("TOKEN_FORCE", RedisFields.TokenForce.values()));

  /** The answer of {@link #reserve(long)}. */
  record Answer(long code) {
    boolean granted() {
      return code == 0;
    }

    boolean usedUp() {
      return code == -1;
    }

    boolean notHolder() {
      return code == -2;
    }

    long waitMs() {
      return Math.max(0, code);
    }
  }

  private final Redis redis;
  private final String leaseKey;
  private final String budgetKey;
  private final String serverId;

  ForceRefreshBudget(Redis redis, RedisKeys keys, String appId, String serverId) {
    this.redis = redis;
    this.leaseKey = keys.tokenLease(appId);
    this.budgetKey = keys.tokenForce(appId);
    this.serverId = serverId;
  }

  static String wechatDay(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), WECHAT_DAY).toString();
  }

  /** Reserves one force_refresh at {@code nowMs} if the lease is ours and WeChat's limits allow it. */
  Future<Answer> reserve(long nowMs) {
    String day = wechatDay(nowMs);
    return RESERVE.run(redis, List.of(leaseKey, budgetKey), List.of(serverId, day, Long.toString(nowMs),
            Integer.toString(PER_DAY), Long.toString(SPACING_MS), Long.toString(2 * 86_400)))
        .map(r -> new Answer(r.toLong()));
  }
}
