package io.wxlogin.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.wechat.WxXml;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Issue 10: hostile callbacks cannot flood or forge the log, and safe mode can be required. */
class CallbackFloodTest {

  /** Every log record of the JVM (the nodes run in it) while a test runs. */
  static final class AllLogs extends Handler implements AutoCloseable {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    AllLogs() {
      Logger.getLogger("").addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
      Logger.getLogger("").removeHandler(this);
    }
  }

  @Test
  void aThousandFormEncodedPercentZzBodiesWriteAFewLinesAndNoStackTrace() {
    try (WxCluster c = WxCluster.builder().nodes(1).start(); AllLogs logs = new AllLogs()) {
      for (int i = 0; i < 1000; i++) {
        String query = i % 2 == 0 ? "signature=0&timestamp=1&nonce=1" : CallbackHardeningTest.freshQuery(c);
        Http.Reply r = CallbackHardeningTest.post(c, c.node(0), query, "%zz\n2026-12-01 SEVERE [wxlogin] forged",
            "application/x-www-form-urlencoded");
        assertTrue(r.status() == 403 || r.status() == 400, r.status() + " " + r.body());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
      }
      assertTrue(logs.records.size() <= 5, logs.records.size() + " log lines: " + logs.records.stream()
          .limit(5).map(LogRecord::getMessage).toList());
      assertTrue(logs.records.stream().allMatch(r -> r.getThrown() == null), "a stack trace was logged");
      assertTrue(logs.records.stream().noneMatch(r -> String.valueOf(r.getMessage()).contains("forged")),
          "the body reached the log");
    }
  }

  @Test
  void aMalformedQueryIsA400WithoutAStackTrace() {
    try (WxCluster c = WxCluster.builder().nodes(1).start(); AllLogs logs = new AllLogs()) {
      for (int i = 0; i < 100; i++) {
        // java.net.URI refuses to build such a URL: a raw socket sends it as a hostile client would
        String answer = raw(c.node(0).port(), "GET /api/login/" + "a".repeat(32) + "?wait=%zz HTTP/1.1");
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("\"bad_query\""), answer);
      }
      assertTrue(logs.records.stream().allMatch(r -> r.getThrown() == null), "a stack trace was logged");
      assertTrue(logs.records.size() <= 5, logs.records.size() + " log lines");
    }
  }

  private static String raw(int port, String requestLine) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void requiringAesRefusesACorrectlySignedPlaintextEvent() {
    String key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    try (WxCluster c = WxCluster.builder().nodes(2).sandboxEnv("SANDBOX_AES_KEY", key)
        .nodeEnv("WECHAT_REQUIRE_AES", "true").start()) {
      String scene = c.node(0).newQr().getString("scene");
      String event = WxXml.event(c.sandbox().config().originalId(), "o_plain_000000000000000000001",
          System.currentTimeMillis() / 1000, "subscribe", "qrscene_" + scene, "T");
      Http.Reply plain = CallbackHardeningTest.post(c, c.node(1), CallbackHardeningTest.freshQuery(c), event,
          "text/xml");
      assertEquals(403, plain.status(), plain.body());
      assertEquals("aes_required", plain.json().getString("error"));
      assertEquals("PENDING", c.node(0).poll(scene, 0).json().getString("status"));
      JsonObject qr = c.node(0).newQr();
      JsonObject scan = c.scan(qr.getString("qrContent"), "o_safe_0000000000000000000001", true);
      assertEquals(200, scan.getInteger("httpStatus"), "safe mode still logs in: " + scan);
      assertEquals("CONFIRMED", c.node(0).poll(qr.getString("scene"), 0).json().getString("status"));
    }
  }
}
