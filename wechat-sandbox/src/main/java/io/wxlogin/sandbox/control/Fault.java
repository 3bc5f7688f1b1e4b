package io.wxlogin.sandbox.control;

import io.vertx.core.json.JsonObject;

/**
 * What the next calls of one WeChat API suffer: an errcode answer, a delay, or both (delay first).
 *
 * @param errcode the errcode to answer, or null to answer normally after the delay
 * @param remaining calls still affected; -1 means until the faults are cleared
 */
public record Fault(String api, Integer errcode, long delayMs, int remaining) {

  public static final int UNTIL_CLEARED = -1;

  public JsonObject toJson() {
    return new JsonObject().put("api", api).put("errcode", errcode).put("delayMs", delayMs).put("count", remaining);
  }
}
