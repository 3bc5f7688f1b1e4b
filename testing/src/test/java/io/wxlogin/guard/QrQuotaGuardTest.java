package io.wxlogin.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9's quota guard, seen from outside: real Redis, the sandbox as WeChat, two login nodes. */
class QrQuotaGuardTest {

  private static final String QR_API = "/cgi-bin/qrcode/create";

  static int qrCalls(WxCluster c) {
    JsonObject stats = c.http().get(c.sandbox().url() + "/sandbox/stats").json();
    return stats.getJsonObject("apis").getJsonObject(QR_API).getInteger("calls");
  }

  static Http.Reply qr(WxCluster c, int node, String... headers) {
    return c.http().send("POST", c.node(node).url() + "/api/login/qrcode", null, headers);
  }

  static long secondsToBeijingMidnight() {
    ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
    return LocalDate.from(now).plusDays(1).atStartOfDay(now.getZone()).toEpochSecond() - now.toEpochSecond();
  }

  @Test
  void aFloodFromOneAddressGetsItsLimitOnBothNodesAndAnotherAddressStillGetsCodes() {
    try (WxCluster c = WxCluster.builder().nodes(2).nodeEnv("QR_PER_ADDRESS_PER_MINUTE", "5").start()) {
      int before = qrCalls(c);
      List<Http.Reply> flood = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        flood.add(qr(c, i % 2));
      }
      assertEquals(5, flood.stream().filter(r -> r.status() == 201).count(), "the limit holds across both nodes");
      for (Http.Reply r : flood.subList(5, 40)) {
        assertEquals(429, r.status(), r.body());
        assertEquals("rate_limited", r.json().getString("error"));
        long retry = Long.parseLong(r.header("Retry-After"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
      }
      assertEquals(before + 5, qrCalls(c), "no qrcode/create for a refused request");
      BoundHttp.Reply other = BoundHttp.send("127.1.0.1", "POST", c.node(0).url() + "/api/login/qrcode", null);
      assertEquals(201, other.status(), other.body());
    }
  }

  @Test
  void aForgedForwardedForFromAnUntrustedPeerChangesNothing() {
    try (WxCluster c = WxCluster.builder().nodes(1).nodeEnv("QR_PER_ADDRESS_PER_MINUTE", "3").start()) {
      int created = 0;
      for (int i = 0; i < 10; i++) {
        created += qr(c, 0, "X-Forwarded-For", "198.51.100." + i).status() == 201 ? 1 : 0;
      }
      assertEquals(3, created);
    }
  }

  @Test
  void behindATrustedProxyTwoForwardedAddressesAreLimitedSeparately() {
    try (WxCluster c = WxCluster.builder().nodes(1).nodeEnv("TRUSTED_PROXIES", "127.0.0.1/32")
        .nodeEnv("QR_PER_ADDRESS_PER_MINUTE", "3").start()) {
      for (String client : new String[] {"203.0.113.1", "198.51.100.1"}) {
        int created = 0;
        for (int i = 0; i < 6; i++) {
          // the client's own forged entry is on the left; the proxy appended what it saw
          created += qr(c, 0, "X-Forwarded-For", "10.9.9." + i + ", " + client).status() == 201 ? 1 : 0;
        }
        assertEquals(3, created, client);
      }
    }
  }

  @Test
  void theDaysCountReachingTheQuotaAnswersQrQuotaExhaustedUntilBeijingMidnight() {
    try (WxCluster c = WxCluster.builder().nodes(2).nodeEnv("QR_DAILY_QUOTA", "3")
        .nodeEnv("QR_PER_ADDRESS_PER_DAY", "0").nodeEnv("QR_PER_SUBNET_PER_DAY", "0").start()) {
      int before = qrCalls(c);
      for (int i = 0; i < 3; i++) {
        assertEquals(201, qr(c, i % 2).status());
      }
      for (int i = 0; i < 6; i++) {
        Http.Reply r = qr(c, i % 2);
        assertEquals(503, r.status(), r.body());
        assertEquals("qr_quota_exhausted", r.json().getString("error"));
        assertTrue(r.json().getString("message").contains("midnight China time"), r.body());
        long retry = Long.parseLong(r.header("Retry-After"));
        assertTrue(Math.abs(retry - secondsToBeijingMidnight()) <= 5, "Retry-After " + retry);
      }
      assertEquals(before + 3, qrCalls(c));
    }
  }

  @Test
  void aWeChat45009AnswersTheSameAndFiftyMoreRequestsCostAtMostOneMoreCall() {
    try (WxCluster c = WxCluster.builder().nodes(2).nodeEnv("QR_PER_ADDRESS_PER_MINUTE", "0")
        .nodeEnv("QR_PER_SUBNET_PER_MINUTE", "0").start()) {
      c.sandbox().post("/sandbox/faults", new JsonObject().put("api", QR_API).put("errcode", 45009).put("count", -1));
      int before = qrCalls(c);
      Http.Reply first = qr(c, 0);
      assertEquals(503, first.status(), first.body());
      assertEquals("qr_quota_exhausted", first.json().getString("error"));
      for (int i = 0; i < 50; i++) {
        assertEquals("qr_quota_exhausted", qr(c, i % 2).json().getString("error"));
      }
      assertTrue(qrCalls(c) - before <= 2, (qrCalls(c) - before) + " qrcode/create calls for 51 requests");
    }
  }

  @Test
  void aSlowWeChatGivesABounded503AndBusyIsRetried() {
    try (WxCluster c = WxCluster.builder().nodes(1).nodeEnv("WECHAT_API_TIMEOUT_MS", "1000").start()) {
      c.sandbox().post("/sandbox/faults", new JsonObject().put("api", QR_API).put("delayMs", 20_000).put("count", 1));
      Http.Reply slow = qr(c, 0);
      assertEquals(503, slow.status(), slow.body());
      assertEquals("wechat_slow", slow.json().getString("error"));
      c.sandbox().post("/sandbox/faults", new JsonObject().put("api", QR_API).put("errcode", -1).put("count", 2));
      Http.Reply busy = qr(c, 0);
      assertEquals(201, busy.status(), "two -1 answers are retried inside the budget: " + busy.body());
    }
  }
}
