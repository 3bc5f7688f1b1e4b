package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wxlogin.login.session.UserRevocationHook;
import io.wxlogin.login.session.UserSessions;
import io.wxlogin.redis.RedisFields.Session;
import io.wxlogin.redis.RedisFields.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code ops user <openid>}: the user's login record and live sessions (age, expiry, the scan that made each).
 * A session is named by the first 8 hex digits of its token's SHA-256: enough to tell sessions apart, and a
 * hash is not the token, so nothing printed here lets anyone act as the user.
 */
final class UserCommand implements OpsCommand {

  private static final List<String> USER_FIELDS = List.of(User.FIRST_LOGIN_AT.field(), User.LAST_LOGIN_AT.field(),
      User.LOGIN_COUNT.field());
  /** {@code client_id} is recorded by the OpenID provider on the sessions it issues. */
  private static final List<String> SESSION_FIELDS = List.of(Session.OPENID.field(), Session.CREATED_AT.field(),
      Session.NEW_USER.field(), Session.SCENE.field(), "client_id");

  @Override
  public Future<Output> run(OpsRedis redis, OpsRequest request, long now) {
    String openid = request.operand();
    if (!OpenIds.valid(openid)) {
      return Future.succeededFuture(OpenIds.invalid());
    }
    UserSessions index = new UserSessions(redis.client(), redis.keys(), List.<UserRevocationHook>of());
    Future<Map<String, String>> user = redis.fields(redis.keys().user(openid), USER_FIELDS);
    Future<List<JsonObject>> sessions = index.hashes(openid).compose(hashes -> {
      List<Future<JsonObject>> reads = new ArrayList<>();
      hashes.forEach(h -> reads.add(session(redis, openid, h, now)));
      return Future.all(reads).map(all -> reads.stream().map(Future::result).filter(s -> s != null).toList());
    });
    return Future.all(user, sessions).map(all -> render(openid, user.result(), sessions.result(), now));
  }

  /** A live session of this user, or null (expired, logged out, or not this user's). */
  private static Future<JsonObject> session(OpsRedis redis, String openid, String hash, long now) {
    String key = redis.keys().session(hash);
    return redis.fields(key, SESSION_FIELDS).compose(f -> !openid.equals(f.get("openid"))
        ? Future.succeededFuture(null)
        : redis.ttlSeconds(key).map(ttl -> {
          Long created = number(f.get("created_at"));
          return new JsonObject().put("session", Shown.shortened(hash)).put("createdAt", created)
              .put("ageSeconds", created == null ? null : (now - created) / 1000).put("expiresInSeconds", ttl)
              .put("newUser", "1".equals(f.get("new_user")))
              .put("scene", Shown.scene(f.get("scene"))).put("clientId", f.get("client_id"));
        }));
  }

  private static Output render(String openid, Map<String, String> user, List<JsonObject> sessions, long now) {
    if (user.isEmpty() && sessions.isEmpty()) {
      return Output.notFound("not_found", "no user " + Shown.openid(openid) + " has ever logged in here");
    }
    List<JsonObject> sorted = new ArrayList<>(sessions);
    sorted.sort(Comparator.comparing((JsonObject s) -> s.getLong("createdAt", 0L)).reversed());
    Long count = number(user.get("login_count"));
    JsonObject json = new JsonObject().put("openid", openid)
        .put("firstLoginAt", number(user.get("first_login_at"))).put("lastLoginAt", number(user.get("last_login_at")))
        .put("loginCount", count == null ? 0 : count).put("sessions", new JsonArray(sorted));
    StringBuilder text = new StringBuilder();
    text.append("user ").append(Shown.openid(openid)).append(": ").append(count == null ? 0 : count)
        .append(" login").append(count != null && count == 1 ? "" : "s")
        .append(", first ").append(orDash(Shown.time(json.getLong("firstLoginAt"))))
        .append(", last ").append(orDash(Shown.time(json.getLong("lastLoginAt")))).append('\n');
    if (sorted.isEmpty()) {
      text.append("no live session\n");
    } else {
      Table table = new Table("SESSION", "AGE", "EXPIRES IN", "SCENE", "CLIENT");
      sorted.forEach(s -> table.row(s.getString("session"), Shown.duration(s.getLong("ageSeconds")),
          Shown.duration(s.getLong("expiresInSeconds")), s.getString("scene"), s.getString("clientId")));
      text.append(sorted.size()).append(" live session").append(sorted.size() == 1 ? "" : "s").append(":\n")
          .append(table.render());
    }
    return Output.ok(json, text.toString());
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static Long number(String value) {
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
