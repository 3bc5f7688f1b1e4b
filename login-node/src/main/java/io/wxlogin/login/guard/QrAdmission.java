package io.wxlogin.login.guard;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.wxlogin.redis.LuaScript;
import java.util.ArrayList;
import java.util.List;

/**
 * The two Redis checks of a QR request, the client's rate limit and then the day's quota, as one script
 * ({@code qr-admit.lua}) where one Redis holds every key (standalone, sentinel), and one after the other in
 * cluster mode, where the client's windows and the quota live in different slots. Either way a request the
 * limit refuses is counted nowhere, and one the quota refuses stays counted in the client's windows.
 */
final class QrAdmission {

  private static final LuaScript BOTH = LuaScript.load(QrAdmission.class, "qr-admit.lua");

  private final Redis redis;
  private final QrRateLimiter limiter;
  private final QrQuota quota;
  private final boolean oneStep;

  QrAdmission(Redis redis, QrRateLimiter limiter, QrQuota quota, boolean oneStep) {
    this.redis = redis;
    this.limiter = limiter;
    this.quota = quota;
    this.oneStep = oneStep;
  }

  /** The limiter's verdict and, when it allowed the request, the quota's permit (null when it did not). */
  Future<Result> take(String address) {
    if (!oneStep) {
      return limiter.take(address).compose(verdict -> verdict.allowed()
          ? quota.take().map(permit -> new Result(verdict, permit))
          : Future.succeededFuture(new Result(verdict, null)));
    }
    List<String> keys = new ArrayList<>(limiter.keys(address));
    keys.addAll(quota.keys());
    List<String> args = new ArrayList<>(limiter.args());
    args.addAll(quota.args());
    return BOTH.run(redis, keys, args).map(r -> r.get(0).toInteger() == 0
        ? new Result(QrRateLimiter.verdict(r, 0), null)
        : new Result(QrRateLimiter.Verdict.ALLOWED, quota.permit(r.get(1).toInteger(), r.get(2).toLong())));
  }

  record Result(QrRateLimiter.Verdict verdict, QrQuota.Permit permit) {
  }
}
