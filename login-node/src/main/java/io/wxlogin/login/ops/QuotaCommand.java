package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code ops quota}: today's {@code qrcode/create} count per appid against {@code QR_DAILY_QUOTA}. WeChat's
 * day ends at midnight Beijing time, so "today" and the reset are taken in Asia/Shanghai whatever this host's
 * zone is.
 */
final class QuotaCommand implements OpsCommand {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final OpsSettings settings;

  QuotaCommand(OpsSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<Output> run(OpsRedis redis, OpsRequest request, long now) {
    ZonedDateTime beijing = Instant.ofEpochMilli(now).atZone(Shown.BEIJING);
    String day = DAY.format(beijing);
    long resetsIn = beijing.toLocalDate().plusDays(1).atStartOfDay(Shown.BEIJING).toEpochSecond() - now / 1000;
    KeyPattern pattern = KeyPattern.of(redis.keys().qrQuota("*", day));
    return redis.scan(pattern.glob()).compose(keys -> {
      TreeSet<String> appIds = new TreeSet<>();
      keys.stream().map(pattern::part).forEach(appIds::add);
      if (settings.appId() != null) {
        appIds.add(settings.appId());
      }
      List<Future<JsonObject>> rows = new ArrayList<>();
      appIds.forEach(appId -> rows.add(redis.send(Request.cmd(Command.GET).arg(redis.keys().qrQuota(appId, day)))
          .map(r -> row(appId, r == null ? 0 : r.toLong()))));
      return Future.all(rows).map(all -> render(day, resetsIn, rows.stream().map(Future::result).toList()));
    });
  }

  private JsonObject row(String appId, long used) {
    int quota = settings.qrDailyQuota();
    return new JsonObject().put("appid", appId).put("used", used).put("quota", quota)
        .put("remaining", Math.max(0, quota - used));
  }

  private static Output render(String day, long resetsIn, List<JsonObject> rows) {
    JsonObject json = new JsonObject().put("day", day).put("resetsInSeconds", resetsIn).put("quota", new JsonArray(rows));
    if (rows.isEmpty()) {
      return Output.ok(json, "no QR code created on " + day + " (Beijing time) yet; set WECHAT_APP_ID to see a row"
          + " anyway\n");
    }
    Table table = new Table("APPID", "DAY", "USED", "QUOTA", "LEFT", "USED %", "RESETS IN");
    rows.forEach(r -> table.row(r.getString("appid"), day, r.getLong("used"), r.getInteger("quota"),
        r.getLong("remaining"), String.format("%.1f%%", 100.0 * r.getLong("used") / r.getInteger("quota")),
        Shown.duration(resetsIn)));
    return Output.ok(json, table.render());
  }
}
