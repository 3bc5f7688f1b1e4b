package io.wxlogin.login.callback;

import static io.wxlogin.login.StoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisClientType;
import io.wxlogin.login.StoreFixture;
import io.wxlogin.login.config.ConfirmSettings;
import io.wxlogin.login.confirm.ConfirmMode;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.testing.RedisModes;
import io.wxlogin.wechat.WxMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a user scanning a login QR code is told, and what /metrics counts, over both Redis modes. */
@ExtendWith(VertxExtension.class)
class ScanLoginTest {

  static final RedisModes MODES = new RedisModes();

  @AfterAll
  static void stop() {
    MODES.close();
  }

  private static WxMessage event(String type, String key, String openid, long createTime) {
    return new WxMessage("gh_test", openid, createTime, "event", type, key, "TICKET", null, null, null, null, null,
        null);
  }

  private static double scans(PrometheusMeterRegistry registry, String outcome) {
    var counter = registry.find("wxlogin_scans_total").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void everyOutcomeOfAScanIsToldAndCounted(RedisClientType mode, Vertx vertx) {
    try (StoreFixture store = new StoreFixture(vertx, MODES, mode)) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      SceneStore scenes = new SceneStore(store.redis, store.keys);
      ScanLogin login = new ScanLogin(scenes, new ConfirmSettings(ConfirmMode.AUTO, 600, null),
          new LoginMetrics(registry));
      String scene = SceneStore.newSceneId();
      await(scenes.create(scene, "T", 60));

      WxMessage first = event("subscribe", "qrscene_" + scene, "o_scan_login_1", 1_700_000_000L);
      assertEquals(ScanReply.LOGGED_IN.header(), header(login.handle(scene, first)));
      assertEquals(ScanReply.LOGGED_IN.header(), header(login.handle(scene, first)), "WeChat's retry gets the same reply");
      assertEquals(ScanReply.TAKEN.header(), header(login.handle(scene, event("SCAN", scene, "o_scan_login_2", 1L))));
      assertEquals(ScanReply.SAME_USER.header(), header(login.handle(scene, event("SCAN", scene, "o_scan_login_1", 2L))));
      String gone = SceneStore.newSceneId();
      assertEquals(ScanReply.EXPIRED.header(), header(login.handle(gone, event("SCAN", gone, "o_scan_login_1", 3L))));

      String next = SceneStore.newSceneId();
      await(scenes.create(next, "T", 60));
      assertEquals(ScanReply.RETURNING.header(), header(login.handle(next, event("SCAN", next, "o_scan_login_1", 4L))));

      assertEquals(2, scans(registry, "claimed"));
      assertEquals(1, scans(registry, "retry"));
      assertEquals(1, scans(registry, "taken"));
      assertEquals(1, scans(registry, "same_user"));
      assertEquals(1, scans(registry, "expired"));
    }
  }

  private static String header(io.vertx.core.Future<UserReply> reply) {
    return await(reply).header();
  }

  @Test
  void onlyScansOfOurQrCodesNameAScene() {
    String scene = SceneStore.newSceneId();
    assertEquals(scene, ScanLogin.sceneOf(event("subscribe", "qrscene_" + scene, "o", 1L)));
    assertEquals(scene, ScanLogin.sceneOf(event("SCAN", scene, "o", 1L)));
    assertNull(ScanLogin.sceneOf(event("subscribe", "", "o", 1L)), "a plain follow");
    assertNull(ScanLogin.sceneOf(event("subscribe", scene, "o", 1L)), "subscribe keys carry qrscene_");
    assertNull(ScanLogin.sceneOf(event("SCAN", "qrscene_x", "o", 1L)));
    assertNull(ScanLogin.sceneOf(event("CLICK", scene, "o", 1L)));
    assertNull(ScanLogin.sceneOf(event("SCAN", null, "o", 1L)));
  }

  @Test
  void theMachineReadableOutcomesAreStable() {
    assertEquals("logged_in returning scanned same_user taken expired retry", String.join(" ",
        java.util.Arrays.stream(ScanReply.values()).map(ScanReply::header).toList()));
  }
}
