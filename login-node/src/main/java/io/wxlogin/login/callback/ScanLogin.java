package io.wxlogin.login.callback;

import io.vertx.core.Future;
import io.wxlogin.login.config.ConfirmSettings;
import io.wxlogin.login.confirm.ConfirmMode;
import io.wxlogin.login.scene.ScanResult;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.wechat.WxMessage;
import java.util.Locale;

/**
 * What a scan of a login QR code does. With {@code LOGIN_CONFIRM=auto} the scene's store takes the scene for the
 * first scan event, records the user's login, confirms the scene and tells the node holding the browser's poll
 * ({@link SceneStore#scan}); with {@code reply} it only marks the scene SCANNED and the user's "1" confirms it
 * later ({@link SceneStore#scanToConfirm}). This turns the outcome into what the user is told.
 */
final class ScanLogin {

  private final SceneStore scenes;
  private final ConfirmMode mode;
  private final int revokeWindowSeconds;
  private final LoginMetrics metrics;

  ScanLogin(SceneStore scenes, ConfirmSettings confirm, LoginMetrics metrics) {
    this.scenes = scenes;
    this.mode = confirm.mode();
    this.revokeWindowSeconds = confirm.revokeWindowSeconds();
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
  Future<UserReply> handle(String scene, WxMessage msg) {
    Future<ScanResult> result = mode == ConfirmMode.REPLY
        ? scenes.scanToConfirm(scene, msg.fromUserName(), msg.deliveryId())
        : scenes.scan(scene, msg.fromUserName(), msg.deliveryId());
    return result
        .onSuccess(r -> metrics.scan(r.claim().name().toLowerCase(Locale.ROOT)))
        .map(r -> ScanReply.of(r, revokeWindowSeconds));
  }
}
