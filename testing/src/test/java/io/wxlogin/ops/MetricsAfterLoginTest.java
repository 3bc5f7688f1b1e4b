package io.wxlogin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After one login (browser on node 0, WeChat's callback on node 1), what an on-call engineer reads on each
 * node's {@code /metrics}: every metric of the README's list, and the figures the login moved.
 */
class MetricsAfterLoginTest {

  static final List<String> NAMES = List.of("wxlogin_logins_total", "wxlogin_notify_latency_seconds",
      "wxlogin_qrcodes_total", "wxlogin_qr_refused_total", "wxlogin_wechat_api_calls_total",
      "wxlogin_wechat_api_latency_seconds", "wxlogin_polls_parked", "wxlogin_token_age_seconds",
      "wxlogin_token_expires_in_seconds", "wxlogin_qr_quota_used");
  static final String OPENID = "o_metrics_user_00000000000001";
  static final List<String> pollLog = new CopyOnWriteArrayList<>();
  /** Held here: the log manager keeps loggers weakly, and a collected one would take the handler with it. */
  static final Logger POLL_LOGGER = Logger.getLogger("wxlogin.poll");
  static final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      pollLog.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  static WxCluster cluster;
  static String scene;

  @BeforeAll
  static void loginOnce() {
    POLL_LOGGER.addHandler(capture);
    // two QR codes a minute per client address: the test's third is refused, as a client over its limit is
    cluster = WxCluster.builder().nodes(2).nodeEnv("QR_PER_ADDRESS_PER_MINUTE", "2").start();
    JsonObject qr = cluster.node(0).newQr();
    scene = qr.getString("scene");
    CompletableFuture<Http.Reply> held = cluster.node(0).pollAsync(qr.getString("scene"), 20);
    cluster.node(0).awaitParked(1);
    assertEquals(200, cluster.scan(qr.getString("qrContent"), OPENID, null)
        .getInteger("httpStatus"));
    assertEquals("CONFIRMED", WxNode.answer(held).json().getString("status"));
  }

  @AfterAll
  static void stop() {
    POLL_LOGGER.removeHandler(capture);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theLoginIsOneLogLineWithShortenedSceneAndOpenidTheNodeTheOutcomeAndTimes() {
    List<String> logins = pollLog.stream().filter(l -> l.startsWith("login ")).toList();
    assertEquals(1, logins.size(), "" + pollLog);
    String line = logins.get(0);
    assertTrue(line.matches("login scene=" + scene.substring(0, 8) + "… openid=o_metric… node=node-a outcome=new"
        + " ms=\\d+ total_ms=\\d+"), line);
    assertFalse(line.contains(scene) || line.contains(OPENID), "a whole scene id or openid in the log: " + line);
  }

  @Test
  void everyNamedMetricIsOnEveryNode() {
    for (WxNode node : cluster.nodes()) {
      String metrics = scrape(node);
      for (String name : NAMES) {
        assertTrue(Pattern.compile("(?m)^" + name + "(_count|_bucket)?[{ ]").matcher(metrics).find(),
            name + " missing on " + node.nodeId());
      }
    }
  }

  @Test
  void theNodeThatAnsweredThePollCountsTheLoginItsLatencyAndTheQrCode() {
    String metrics = scrape(cluster.node(0));
    assertEquals(1, value(metrics, "wxlogin_logins_total{outcome=\"new\"}"));
    assertEquals(0, value(metrics, "wxlogin_logins_total{outcome=\"returning\"}"));
    assertEquals(1, value(metrics, "wxlogin_notify_latency_seconds_count"));
    assertTrue(value(metrics, "wxlogin_notify_latency_seconds_bucket{le=\"+Inf\"}") == 1);
    assertEquals(1, value(metrics, "wxlogin_qrcodes_total{result=\"ok\"}"));
    assertEquals(1, value(metrics, "wxlogin_wechat_api_calls_total{api=\"qrcode/create\",errcode=\"0\"}"));
    assertEquals(1, value(metrics, "wxlogin_wechat_api_latency_seconds_count{api=\"qrcode/create\"}"));
    assertEquals(0, value(metrics, "wxlogin_polls_parked"));
    assertTrue(value(metrics, "wxlogin_token_age_seconds") >= 0);
    assertTrue(value(metrics, "wxlogin_token_expires_in_seconds") > 3600);
    assertTrue(value(metrics, "wxlogin_qr_quota_used") >= 1, "the QR code counts against today's quota");
  }

  @Test
  void theNodeThatTookTheCallbackCountsNoLoginButKnowsTheToken() {
    String metrics = scrape(cluster.node(1));
    assertEquals(0, value(metrics, "wxlogin_logins_total{outcome=\"new\"}"));
    assertEquals(0, value(metrics, "wxlogin_notify_latency_seconds_count"));
    assertTrue(value(metrics, "wxlogin_token_expires_in_seconds") > 3600);
  }

  @Test
  void aQrCodeRefusedForTheRateLimitIsCountedByReasonOnTheNodeThatRefusedIt() {
    double before = value(scrape(cluster.node(1)), "wxlogin_qr_refused_total{reason=\"rate_limited\"}");
    cluster.node(1).newQr();
    Http.Reply refused = cluster.http().send("POST", cluster.node(1).url() + "/api/login/qrcode", null);
    assertEquals(429, refused.status(), refused.body());
    String metrics = scrape(cluster.node(1));
    assertEquals(before + 1, value(metrics, "wxlogin_qr_refused_total{reason=\"rate_limited\"}"));
    assertEquals(0, value(metrics, "wxlogin_qr_refused_total{reason=\"no_token\"}"));
  }

  private static String scrape(WxNode node) {
    Http.Reply r = cluster.http().get(node.managementUrl() + "/metrics");
    assertEquals(200, r.status());
    return r.body();
  }

  /** The sample's value; labels must be given in the order Prometheus prints them (alphabetical). */
  private static double value(String metrics, String sample) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)").matcher(metrics);
    if (!m.find()) {
      throw new AssertionError(sample + " not on /metrics:\n" + metrics.lines()
          .filter(l -> l.startsWith("wxlogin_")).reduce("", (a, b) -> a + b + "\n"));
    }
    return Double.parseDouble(m.group(1));
  }
}
