package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code ops scenes}: the live QR codes, newest first, with their state and the node holding the poll. */
final class ScenesCommand implements OpsCommand {

  /** Reads go out this many at a time: a busy day has thousands of live scenes. */
  private static final int BATCH = 200;

  @Override
  public Future<Output> run(OpsRedis redis, OpsRequest request, long now) {
    KeyPattern pattern = KeyPattern.of(redis.keys().scene("*"));
    return redis.scan(pattern.glob())
        .compose(keys -> readAll(redis, keys.stream().map(pattern::part).toList(), 0, new ArrayList<>()))
        .map(rows -> render(rows, request.limit(), now));
  }

  private static Future<List<SceneRow>> readAll(OpsRedis redis, List<String> scenes, int from, List<SceneRow> rows) {
    if (from >= scenes.size()) {
      return Future.succeededFuture(rows);
    }
    List<Future<SceneRow>> batch = new ArrayList<>();
    for (String scene : scenes.subList(from, Math.min(scenes.size(), from + BATCH))) {
      batch.add(SceneRow.read(redis, scene));
    }
    return Future.all(batch).compose(all -> {
      batch.forEach(f -> {
        if (f.result() != null) {
          rows.add(f.result());
        }
      });
      return readAll(redis, scenes, from + BATCH, rows);
    });
  }

  private static Output render(List<SceneRow> rows, int limit, long now) {
    rows.sort(Comparator.comparing((SceneRow r) -> r.createdAt() == null ? 0 : r.createdAt()).reversed());
    Map<String, Integer> byStatus = new TreeMap<>();
    rows.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
    JsonArray list = new JsonArray();
    Table table = new Table("SCENE", "AGE", "STATE", "NODE", "EXPIRES IN");
    for (SceneRow r : rows.subList(0, Math.min(limit, rows.size()))) {
      list.add(r.summary(now));
      table.row(Shown.scene(r.scene()), Shown.duration(r.ageSeconds(now)), r.status(), r.fields().get("node"),
          Shown.duration(r.ttlSeconds()));
    }
    JsonObject json = new JsonObject().put("count", rows.size()).put("byStatus", new JsonObject(
        new TreeMap<String, Object>(byStatus))).put("scenes", list);
    StringBuilder text = new StringBuilder();
    text.append(rows.size()).append(" live QR code").append(rows.size() == 1 ? "" : "s");
    if (!byStatus.isEmpty()) {
      List<String> parts = new ArrayList<>();
      byStatus.forEach((s, n) -> parts.add(n + " " + s));
      text.append(": ").append(String.join(", ", parts));
    }
    text.append('\n');
    if (!table.isEmpty()) {
      text.append(table.render());
    }
    if (rows.size() > limit) {
      text.append("(newest ").append(limit).append(" shown; --limit N for more)\n");
    }
    return Output.ok(json, text.toString());
  }
}
