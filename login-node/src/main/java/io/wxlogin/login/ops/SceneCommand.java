package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code ops scene <id|prefix>}: one scene's fields. Since listings show only 8 characters of a scene id, a
 * prefix of at least 6 hex digits is looked up by a scan; only hex is accepted, so no glob can be smuggled in.
 */
final class SceneCommand implements OpsCommand {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{6,32}");
  private static final int FULL_LENGTH = 32;

  @Override
  public Future<Output> run(OpsRedis redis, OpsRequest request, long now) {
    // a prefix pasted from a listing keeps its ellipsis, which a non-UTF-8 locale turns into '?' or U+FFFD
    String id = request.operand().replaceAll("[…?.\uFFFD]+$", "");
    if (!ID.matcher(id).matches()) {
      return Future.succeededFuture(new Output(new JsonObject().put("error", "bad_scene")
          .put("message", "a scene id is 6 to 32 lowercase hex digits"), "ops: a scene id is 6 to 32 lowercase hex"
          + " digits (as 'ops scenes' lists them)\n", Output.FAILED));
    }
    Future<List<String>> candidates = id.length() == FULL_LENGTH ? Future.succeededFuture(List.of(id))
        : redis.scan(redis.keys().scene(id + "*")).map(keys -> {
          KeyPattern pattern = KeyPattern.of(redis.keys().scene("*"));
          return keys.stream().map(pattern::part).toList();
        });
    return candidates.compose(found -> {
      if (found.size() > 1) {
        return Future.succeededFuture(Output.notFound("ambiguous", found.size() + " live scenes start with "
            + Shown.scene(id) + "; give more characters"));
      }
      Future<SceneRow> row = found.isEmpty() ? Future.succeededFuture(null) : SceneRow.read(redis, found.get(0));
      return row.map(r -> r == null
          ? Output.notFound("not_found", "no live scene " + Shown.scene(id) + " (expired, or never created)")
          : render(r, now));
    });
  }

  private static Output render(SceneRow r, long now) {
    JsonObject json = r.detail(now);
    Table table = new Table("FIELD", "VALUE");
    table.row("scene", Shown.scene(r.scene()))
        .row("state", r.status())
        .rowIfPresent("age", Shown.duration(r.ageSeconds(now)))
        .rowIfPresent("created", Shown.time(r.createdAt()))
        .rowIfPresent("expires in", Shown.duration(r.ttlSeconds()))
        .rowIfPresent("poll held by", r.fields().get("node"))
        .rowIfPresent("user", Shown.openid(r.fields().get("openid")))
        .rowIfPresent("new user", json.getBoolean("newUser"))
        .rowIfPresent("claimed", Shown.time(r.number("claimed_at")))
        .rowIfPresent("scanned", Shown.time(r.number("scanned_at")))
        .rowIfPresent("confirmed", Shown.time(r.number("confirmed_at")))
        .rowIfPresent("answered in WeChat", Shown.time(r.number("answered_at")))
        .rowIfPresent("consumed", Shown.time(r.number("consumed_at")))
        .rowIfPresent("revoked by the user", Shown.time(r.number("revoked_at")))
        .rowIfPresent("browser", r.fields().get("browser"))
        .rowIfPresent("os", r.fields().get("os"))
        .rowIfPresent("client network", r.fields().get("client_net"))
        .rowIfPresent("site", r.fields().get("site"));
    return Output.ok(json, table.render());
  }
}
