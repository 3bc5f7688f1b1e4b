package io.wxlogin.login.callback;

import io.vertx.core.Future;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.wechat.WxMessage;
import java.util.Locale;

/**
 * What a scan of a login QR code does: the scene's store takes the scene for the first scan event, records the
 * user's login, confirms the scene and tells the node holding the browser's poll ({@link SceneStore#scan}); this
 * turns the outcome into what the user is told.
 */
final class ScanLogin {

  private final SceneStore scenes;
  private final LoginMetrics metrics;

  ScanLogin(SceneStore scenes, LoginMetrics metrics) {
    this.scenes = scenes;
    this.metrics = metrics;
  }

  /** The scene a login QR scan names, or null when the event is not a scan of one of our QR codes. */
  static String sceneOf(WxMessage msg) {
    String key = msg.eventKey();
    if (key == null) {
      return null;
    }
    String scene = null;
    if (msg.isEvent("subscribe") && key.startsWith("qrscene_")) {
      scene = key.substring("qrscene_".length());
    } else if (msg.isEvent("SCAN")) {
      scene = key;
    }
    return SceneStore.looksLikeSceneId(scene) ? scene : null;
  }

  /** What to tell the user for this scan. */
  Future<ScanReply> handle(String scene, WxMessage msg) {
    return scenes.scan(scene, msg.fromUserName(), msg.deliveryId())
        .onSuccess(result -> metrics.scan(result.claim().name().toLowerCase(Locale.ROOT)))
        .map(result -> ScanReply.of(result.outcome()));
  }
}
