package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.wxlogin.login.session.UserRevocationHook;
import io.wxlogin.login.session.UserSessions;
import java.util.List;
import java.util.Map;

/**
 * {@code ops revoke <openid>}: ends every session of the user. No node caches a session, so once the keys are
 * gone from Redis the very next request with any of those tokens is refused, on every node.
 */
final class RevokeCommand implements OpsCommand {

  private final List<UserRevocationHook> hooks;

  RevokeCommand(List<UserRevocationHook> hooks) {
    this.hooks = hooks;
  }

  @Override
  public Future<Output> run(OpsRedis redis, OpsRequest request, long now) {
    String openid = request.operand();
    if (!OpenIds.valid(openid)) {
      return Future.succeededFuture(OpenIds.invalid());
    }
    return new UserSessions(redis.client(), redis.keys(), hooks).revokeUser(openid).map(revoked -> {
      JsonObject ended = new JsonObject();
      revoked.hooks().forEach(ended::put);
      JsonObject json = new JsonObject().put("openid", openid).put("sessionsRevoked", revoked.sessions())
          .put("alsoRevoked", ended);
      StringBuilder text = new StringBuilder("revoked ").append(revoked.sessions()).append(" session")
          .append(revoked.sessions() == 1 ? "" : "s").append(" of user ").append(Shown.openid(openid));
      for (Map.Entry<String, Integer> e : revoked.hooks().entrySet()) {
        text.append("; ").append(e.getValue()).append(' ').append(e.getKey());
      }
      return Output.ok(json, text.append('\n').toString());
    });
  }
}
