package io.wxlogin.login.callback;

import io.vertx.core.Future;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.user.UserStore;
import io.wxlogin.login.web.LoginMetrics;
import java.util.Locale;
import io.wxlogin.wechat.WxMessage;

/**
 * What a scan of a login QR code does: the first scan event takes the scene, the user's record is updated,
 * the scene is confirmed and the node holding the browser's poll is told. Every step is safe to repeat for
 * the same WeChat delivery, so a retry (to this node or another) finishes a first attempt that died midway
 * and always gets the same reply.
 */
final class ScanLogin {

  static final String NEW_USER = "登录成功，欢迎！请回到网页继续。";
  static final String RETURNING_USER = "登录成功，欢迎回来！请回到网页继续。";
  static final String EXPIRED = "二维码已过期，请在网页上刷新二维码后重新扫码。";
  static final String TAKEN = "这个二维码已被其他微信号使用，请在网页上刷新二维码后重新扫码。";
  static final String SAME_USER = "你已经用这个二维码登录过了，无需再次扫码。";

  private final SceneStore scenes;
  private final UserStore users;
  private final LoginMetrics metrics;

  ScanLogin(SceneStore scenes, UserStore users, LoginMetrics metrics) {
    this.scenes = scenes;
    this.users = users;
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

  /** The text to send the user for this scan. */
  Future<String> handle(String scene, WxMessage msg) {
    String openid = msg.fromUserName();
    String delivery = msg.deliveryId();
    Future<SceneStore.ClaimResult> claimed = scenes.singleStep()
        ? scenes.scan(scene, users.key(openid), openid, delivery)
        : scenes.claim(scene, openid, delivery);
    return claimed
        .onSuccess(claim -> metrics.scan(claim.claim().name().toLowerCase(Locale.ROOT)))
        .compose(claim -> switch (claim.claim()) {
          // in cluster mode the claim is one step of three; a retry finishes a first delivery that died midway
          case CLAIMED, RETRY -> claim.newUser() != null
              ? Future.succeededFuture(welcome(claim.newUser()))
              : logIn(scene, openid, delivery);
          case SAME_USER -> Future.succeededFuture(SAME_USER);
          case TAKEN -> Future.succeededFuture(TAKEN);
          case EXPIRED -> Future.succeededFuture(EXPIRED);
        });
  }

  private Future<String> logIn(String scene, String openid, String delivery) {
    return users.recordLogin(openid, delivery)
        .compose(newUser -> scenes.confirm(scene, newUser)
            .map(confirmed -> confirmed ? welcome(newUser) : EXPIRED));
  }

  private static String welcome(boolean newUser) {
    return newUser ? NEW_USER : RETURNING_USER;
  }
}
