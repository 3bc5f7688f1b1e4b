package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.wxlogin.redis.RedisFields.Scene;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One scene as the ops command shows it. Reads named fields only: the ticket (which shows the QR code) and the
 * WeChat delivery id are never read, so they cannot be printed.
 */
record SceneRow(String scene, Map<String, String> fields, Long ttlSeconds) {

  static final List<String> FIELDS = Stream.of(Scene.STATUS, Scene.CREATED_AT, Scene.NODE, Scene.OPENID,
      Scene.NEW_USER, Scene.CLAIMED_AT, Scene.SCANNED_AT, Scene.CONFIRMED_AT, Scene.ANSWERED_AT, Scene.CONSUMED_AT,
      Scene.REVOKED_AT, Scene.BROWSER, Scene.OS, Scene.CLIENT_NET, Scene.SITE).map(Scene::field).toList();

  static Future<SceneRow> read(OpsRedis redis, String scene) {
    String key = redis.keys().scene(scene);
    return redis.fields(key, FIELDS).compose(f -> f.isEmpty() ? Future.succeededFuture(null)
        : redis.ttlSeconds(key).map(ttl -> new SceneRow(scene, f, ttl)));
  }

  String status() {
    return fields.getOrDefault("status", "?");
  }

  Long createdAt() {
    return number("created_at");
  }

  Long ageSeconds(long now) {
    return createdAt() == null ? null : (now - createdAt()) / 1000;
  }

  Long number(String field) {
    try {
      return fields.containsKey(field) ? Long.valueOf(fields.get(field)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The short form for lists; {@link #detail(long)} for one scene. */
  JsonObject summary(long now) {
    return new JsonObject().put("scene", Shown.scene(scene)).put("status", status())
        .put("ageSeconds", ageSeconds(now)).put("node", fields.get("node")).put("expiresInSeconds", ttlSeconds);
  }

  JsonObject detail(long now) {
    JsonObject json = summary(now).put("createdAt", createdAt()).put("openid", fields.get("openid"));
    if (fields.containsKey("new_user")) {
      json.put("newUser", "1".equals(fields.get("new_user")));
    }
    json.put("claimedAt", number("claimed_at")).put("scannedAt", number("scanned_at"))
        .put("confirmedAt", number("confirmed_at")).put("answeredAt", number("answered_at"))
        .put("consumedAt", number("consumed_at")).put("revokedAt", number("revoked_at"));
    for (String f : List.of("browser", "os", "client_net", "site")) {
      json.put(f.equals("client_net") ? "clientNet" : f, fields.get(f));
    }
    return json;
  }

  /** The record's own toString would print the whole scene id, a bearer secret while the login is pending. */
  @Override
  public String toString() {
    return "SceneRow[scene=" + Shown.scene(scene) + ", status=" + status() + ", ttlSeconds=" + ttlSeconds + "]";
  }
}
