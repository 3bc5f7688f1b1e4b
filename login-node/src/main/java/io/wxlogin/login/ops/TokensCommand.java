package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.RedisFields.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code ops tokens}: per appid the access_token's age and time to expiry, who wrote it and who holds the
 * refresh lease. The {@code access_token} field is never read, so it cannot appear in the output.
 */
final class TokensCommand implements OpsCommand {

  private static final List<String> FIELDS = List.of(Token.EXPIRES_AT.field(), Token.REFRESHED_AT.field(),
      Token.REFRESHED_BY.field());

  private final String configuredAppId;

  TokensCommand(String configuredAppId) {
    this.configuredAppId = configuredAppId;
  }

  @Override
  public Future<Output> run(OpsRedis redis, OpsRequest request, long now) {
    KeyPattern pattern = KeyPattern.of(redis.keys().token("*"));
    return redis.scan(pattern.glob()).compose(keys -> {
      TreeSet<String> appIds = new TreeSet<>();
      keys.stream().map(pattern::part).forEach(appIds::add);
      if (configuredAppId != null) {
        appIds.add(configuredAppId);
      }
      List<Future<JsonObject>> rows = new ArrayList<>();
      appIds.forEach(appId -> rows.add(describe(redis, appId, now)));
      return Future.all(rows).map(all -> render(rows.stream().map(Future::result).toList()));
    });
  }

  private static Future<JsonObject> describe(OpsRedis redis, String appId, long now) {
    String lease = redis.keys().tokenLease(appId);
    Future<Map<String, String>> token = redis.fields(redis.keys().token(appId), FIELDS);
    Future<String> holder = redis.send(Request.cmd(Command.GET).arg(lease)).map(r -> r == null ? null : r.toString());
    Future<Long> leaseTtl = redis.ttlSeconds(lease);
    return Future.all(token, holder, leaseTtl).map(all -> {
      Map<String, String> f = token.result();
      Long expiresAt = number(f.get("expires_at"));
      Long refreshedAt = number(f.get("refreshed_at"));
      return new JsonObject().put("appid", appId).put("stored", expiresAt != null)
          .put("ageSeconds", refreshedAt == null ? null : (now - refreshedAt) / 1000)
          .put("expiresInSeconds", expiresAt == null ? null : (expiresAt - now) / 1000)
          .put("expiresAt", expiresAt).put("refreshedAt", refreshedAt).put("refreshedBy", f.get("refreshed_by"))
          .put("leaseHolder", holder.result()).put("leaseExpiresInSeconds", leaseTtl.result());
    });
  }

  private static Output render(List<JsonObject> rows) {
    Table table = new Table("APPID", "AGE", "EXPIRES IN", "REFRESHED BY", "LEASE HOLDER", "LEASE LEFT");
    for (JsonObject r : rows) {
      Long expiresIn = r.getLong("expiresInSeconds");
      String expiry = !r.getBoolean("stored") ? "no token stored"
          : expiresIn < 0 ? "expired " + Shown.duration(-expiresIn) + " ago" : Shown.duration(expiresIn);
      table.row(r.getString("appid"), Shown.duration(r.getLong("ageSeconds")), expiry, r.getString("refreshedBy"),
          r.getString("leaseHolder") == null ? "none (no token-server refreshing)" : r.getString("leaseHolder"),
          Shown.duration(r.getLong("leaseExpiresInSeconds")));
    }
    String text = rows.isEmpty() ? "no access_token stored for any appid (is a token-server running?)\n"
        : table.render();
    return Output.ok(new JsonObject().put("tokens", new JsonArray(rows)), text);
  }

  private static Long number(String value) {
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
