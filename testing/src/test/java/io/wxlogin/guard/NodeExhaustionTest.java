package io.wxlogin.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.Sockets;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Issue 9: no one client can use up a node's polls, connections or metrics. */
class NodeExhaustionTest {

  private static Socket open(String from, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(30_000);
    return s;
  }

  @Test
  void parkedPollsBeyondTheCapsAreRefused() {
    try (WxCluster c = WxCluster.builder().nodes(1).nodeEnv("POLLS_PER_ADDRESS_MAX", "3")
        .nodeEnv("POLLS_PER_SCENE_MAX", "2").start()) {
      WxNode node = c.node(0);
      String a = node.newQr().getString("scene");
      String b = node.newQr().getString("scene");
      List<CompletableFuture<Http.Reply>> held = new ArrayList<>(List.of(node.pollAsync(a, 20), node.pollAsync(a, 20)));
      node.awaitParked(2);
      Http.Reply third = node.poll(a, 20);
      assertEquals(429, third.status(), "a third poll of one QR code: " + third.body());
      assertEquals("rate_limited", third.json().getString("error"));
      held.add(node.pollAsync(b, 20));
      node.awaitParked(3);
      Http.Reply fourth = node.poll(b, 20);
      assertEquals(429, fourth.status(), "a fourth poll from one address: " + fourth.body());
      BoundHttp.Reply other = BoundHttp.send("127.1.0.1", "GET", node.url() + "/api/login/" + b + "?wait=1", null);
      assertEquals(200, other.status(), "another address still polls: " + other.body());
      c.scan(node.newQr().getString("qrContent"), "o_poll_cap_user_000000000001", true);
      held.forEach(h -> assertEquals(200, WxNode.answer(h).status()));
    }
  }

  @Test
  void aSlowlorisAndAnIdleConnectionAreClosed() throws Exception {
    try (WxCluster c = WxCluster.builder().nodes(1).nodeEnv("HTTP_HEADER_TIMEOUT_SECONDS", "1")
        .nodeEnv("HTTP_KEEPALIVE_IDLE_SECONDS", "1").start();
         Socket idle = open("127.0.0.1", c.node(0).port());
         Socket slow = open("127.0.0.1", c.node(0).port())) {
      Thread dribble = new Thread(() -> {
        try {
          for (byte b : "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 0123456789012345678901234567890123456789".getBytes()) {
            slow.getOutputStream().write(b);
            Thread.sleep(250);
          }
        } catch (Exception e) {
          // the node hung up, as it should
        }
      });
      dribble.setDaemon(true);
      dribble.start();
      assertTrue(Sockets.closedByServer(idle), "an idle connection stayed open");
      assertTrue(Sockets.closedByServer(slow), "a one-byte-at-a-time request stayed open");
      assertEquals(200, c.node(0).get("/health").status());
    }
  }

  @Test
  void whileOneAddressHoldsItsMaximumOfConnectionsOthersAreAnswered() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (WxCluster c = WxCluster.builder().nodes(2).nodeEnv("CONNECTIONS_PER_ADDRESS_MAX", "20").start()) {
      WxNode callbackNode = c.node(1);
      for (int i = 0; i < 20; i++) {
        held.add(open("127.1.0.1", callbackNode.port()));
      }
      Socket extra = open("127.1.0.1", callbackNode.port());
      held.add(extra);
      assertTrue(Sockets.closedByServer(extra), "the 21st connection from one address was kept");
      JsonObject qr = callbackNode.newQr();
      CompletableFuture<Http.Reply> poll = callbackNode.pollAsync(qr.getString("scene"), 20);
      JsonObject scan = c.scan(qr.getString("qrContent"), "o_conn_cap_user_0000000000001", true);
      assertEquals(200, scan.getInteger("httpStatus"), "WeChat's callback is answered: " + scan);
      assertEquals("CONFIRMED", WxNode.answer(poll).json().getString("status"));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aThousandRandomMethodNamesLeaveMetricsItsSize() {
    try (WxCluster c = WxCluster.builder().nodes(1).nodeEnv("HTTP_SERVER_METRICS", "true").start()) {
      WxNode node = c.node(0);
      c.http().send("WARMUP", node.url() + "/api/login/qrcode", null);
      c.http().send("WARMUP", node.url() + "/no/such/page", null);
      Set<String> before = series(c.http().get(node.managementUrl() + "/metrics").body());
      for (int i = 0; i < 1000; i++) {
        String method = "X" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        c.http().send(method, node.url() + (i % 2 == 0 ? "/api/login/qrcode" : "/no/such/" + i), null);
      }
      Set<String> after = series(c.http().get(node.managementUrl() + "/metrics").body());
      after.removeAll(before);
      assertEquals(Set.of(), after, "new series");
    }
  }

  private static Set<String> series(String scrape) {
    Set<String> out = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.startsWith("#") && line.contains("{") && line.startsWith("vertx_http_server")) {
        out.add(line.substring(0, line.lastIndexOf('}') + 1));
      }
    }
    return out;
  }
}
