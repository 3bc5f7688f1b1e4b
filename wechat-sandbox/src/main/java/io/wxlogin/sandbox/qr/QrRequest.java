package io.wxlogin.sandbox.qr;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A validated qrcode/create body (docs/wechat.md §5.1). WeChat documents the limits but not the
 * errcodes for breaking them (§7.10); every violation here answers 40097 "invalid args" with the reason.
 *
 * @param expireSeconds null for a permanent code
 */
record QrRequest(String actionName, String scene, Integer expireSeconds) {

  static final int MAX_EXPIRE_SECONDS = 2_592_000;
  /** The current official page; older copies say 30 (§7.1). */
  static final int DEFAULT_EXPIRE_SECONDS = 60;
  private static final long MAX_UNSIGNED_32 = 4_294_967_295L;
  private static final int MAX_PERMANENT_SCENE_ID = 100_000;
  private static final Set<String> TEMPORARY = Set.of("QR_SCENE", "QR_STR_SCENE");
  private static final Set<String> STRING_SCENE = Set.of("QR_STR_SCENE", "QR_LIMIT_STR_SCENE");
  private static final Set<String> ACTIONS = Set.of("QR_SCENE", "QR_STR_SCENE", "QR_LIMIT_SCENE",
      "QR_LIMIT_STR_SCENE");

  /** Thrown with the reason a body is not a valid qrcode/create request. */
  static final class Invalid extends Exception {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  static QrRequest parse(JsonObject body) throws Invalid {
    Object action = body.getValue("action_name");
    if (!(action instanceof String name) || !ACTIONS.contains(name)) {
      throw new Invalid("action_name must be one of QR_SCENE, QR_STR_SCENE, QR_LIMIT_SCENE, QR_LIMIT_STR_SCENE");
    }
    String scene = STRING_SCENE.contains(name) ? sceneStr(sceneOf(body)) : sceneId(sceneOf(body), name);
    Integer expire = TEMPORARY.contains(name) ? expireSeconds(body.getValue("expire_seconds")) : null;
    return new QrRequest(name, scene, expire);
  }

  private static JsonObject sceneOf(JsonObject body) throws Invalid {
    if (body.getValue("action_info") instanceof JsonObject info && info.getValue("scene") instanceof JsonObject s) {
      return s;
    }
    throw new Invalid("action_info.scene must be an object");
  }

  private static String sceneStr(JsonObject scene) throws Invalid {
    if (scene.getValue("scene_str") instanceof String s && !s.isEmpty() && s.length() <= 64) {
      return s;
    }
    throw new Invalid("scene_str must be a string of 1 to 64 characters");
  }

  private static String sceneId(JsonObject scene, String action) throws Invalid {
    long max = TEMPORARY.contains(action) ? MAX_UNSIGNED_32 : MAX_PERMANENT_SCENE_ID;
    Object id = scene.getValue("scene_id");
    if ((id instanceof Integer || id instanceof Long) && ((Number) id).longValue() >= 1
        && ((Number) id).longValue() <= max) {
      return String.valueOf(((Number) id).longValue());
    }
    throw new Invalid("scene_id must be an integer from 1 to " + max);
  }

  private static Integer expireSeconds(Object value) throws Invalid {
    if (value == null) {
      return DEFAULT_EXPIRE_SECONDS;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1
        && ((Number) value).longValue() <= MAX_EXPIRE_SECONDS) {
      return ((Number) value).intValue();
    }
    throw new Invalid("expire_seconds must be an integer from 1 to " + MAX_EXPIRE_SECONDS);
  }
}
