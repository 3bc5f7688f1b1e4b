package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.wxlogin.login.guard.QrQuota.Permit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QrQuotaTest {

  private static final String APP = "wx5a7e0c1d2b3f4e6a";
  private static GuardRedis r;
  private final WeChatDay day = WeChatDay.system();

  @BeforeAll
  static void redis() {
    r = GuardRedis.standalone();
  }

  @AfterAll
  static void stop() throws Exception {
    r.close();
  }

  @BeforeEach
  void empty() {
    r.flush();
  }

  private QrQuota node(int quota, int probeSeconds) {
    return node(quota, probeSeconds, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private QrQuota node(int quota, int probeSeconds, PrometheusMeterRegistry registry) {
    return new QrQuota(r.redis, r.keys, APP, quota, probeSeconds, day, registry);
  }

  private List<Permit> take(QrQuota q, int times) {
    List<Permit> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(r.await(q.take()));
    }
    return out;
  }

  private static long count(List<Permit> permits, Permit p) {
    return permits.stream().filter(p::equals).count();
  }

  @Test
  void theDaysCountStopsAtTheQuotaForEveryNode() {
    QrQuota a = node(5, 300);
    QrQuota b = node(5, 300);
    assertEquals(3, count(take(a, 3), Permit.ALLOWED));
    assertEquals(2, count(take(b, 2), Permit.ALLOWED));
    List<Permit> after = take(a, 10);
    after.addAll(take(b, 10));
    assertEquals(20, count(after, Permit.SPENT), "no node calls WeChat once the quota is spent");
    assertEquals("5", r.cmd(Command.GET, r.keys.qrQuota(APP, day.date())).toString(), "refusals are not counted");
    assertEquals("quota", r.cmd(Command.GET, r.keys.qrQuotaState(APP)).toString());
    long ttl = r.cmd(Command.TTL, r.keys.qrQuotaState(APP)).toLong();
    assertTrue(Math.abs(ttl - day.secondsLeft()) <= 2, "spent until the Beijing day ends, not " + ttl + " s");
  }

  @Test
  void operatorLinesAt80And95PercentAndAtTheQuotaComeOnceAcrossNodes() {
    try (LogLines log = new LogLines("wxlogin.quota")) {
      QrQuota a = node(20, 300);
      QrQuota b = node(20, 300);
      for (int i = 0; i < 40; i++) {
        r.await((i % 2 == 0 ? a : b).take());
      }
      assertEquals(1, log.containing("80 % of today's 20").size(), log.lines.toString());
      assertEquals(1, log.containing("95 % of today's 20").size(), log.lines.toString());
      assertEquals(1, log.containing("QR quota spent").size(), log.lines.toString());
      assertEquals(3, log.lines.size(), log.lines.toString());
    }
  }

  @Test
  void a45009SpendsTheDayAndFiftyMoreRequestsCallWeChatNoMore() {
    try (LogLines log = new LogLines("wxlogin.quota")) {
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      QrQuota a = node(100_000, 300, metrics);
      QrQuota b = node(100_000, 300);
      assertEquals(Permit.ALLOWED, r.await(a.take()));
      r.await(a.spentByWeChat());
      r.await(b.spentByWeChat());
      List<Permit> next = take(a, 25);
      next.addAll(take(b, 25));
      assertEquals(50, count(next, Permit.SPENT), "the first probe waits one interval after the 45009");
      assertEquals(1, log.containing("45009").size(), "one operator line: " + log.lines);
      assertEquals(1.0, metrics.get("wxlogin_qr_quota_exhausted").gauge().value(), "the exhausted gauge");
      assertEquals(1.0, metrics.get("wxlogin_qr_quota_used").gauge().value());
    }
  }

  @Test
  void oneProbePerIntervalAcrossNodesAndASuccessfulProbeLiftsTheRefusal() throws Exception {
    QrQuota a = node(3, 1);
    QrQuota b = node(3, 1);
    take(a, 3);
    assertEquals(Permit.SPENT, r.await(b.take()));
    Thread.sleep(1_200); // the probe interval passes
    List<Future<Permit>> burst = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      burst.add((i % 2 == 0 ? a : b).take());
    }
    List<Permit> permits = burst.stream().map(r::await).toList();
    assertEquals(1, count(permits, Permit.PROBE), permits.toString());
    r.await(b.probeSucceeded());
    assertEquals(List.of(Permit.ALLOWED, Permit.ALLOWED), take(a, 2), "WeChat has more today than our count");
    r.await(a.spentByWeChat());
    assertEquals(Permit.SPENT, r.await(b.take()), "its 45009 spends the day again");
  }
}
