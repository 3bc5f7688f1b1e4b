package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.RedisServer;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped nginx in front of two login nodes, with the sandbox's WeChat posting its callbacks through it
 * as in run-local: only the public paths reach a node, and its access log gives away no signature, no
 * session, no scene id.
 */
class NginxPublicPathsTest {

  private static final String OPENID = "o_e2e_nginx_user_00000000001";
  private static WxCluster cluster;
  private static Nginx nginx;

  @BeforeAll
  static void start() {
    int port = RedisServer.freePort();
    cluster = WxCluster.builder().nodes(2)
        .nodeEnv("TRUSTED_PROXIES", "127.0.0.1/32")
        .sandboxEnv("SANDBOX_CALLBACK_URL", "http://127.0.0.1:" + port + "/wechat/callback")
        .start();
    nginx = Nginx.start(port, cluster.nodes().stream().map(WxNode::port).toList());
  }

  @AfterAll
  static void stop() {
    if (nginx != null) {
      nginx.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void operatorEndpointsAreNotReachableThroughNginxHoweverThePathIsSpelled() throws IOException {
    List<String> attempts = List.of("/metrics", "/ready", "/metrics/", "//metrics", "/api/../metrics",
        "/api/%2e%2e/metrics", "/api/..%2fmetrics", "/assets/../ready", "/%6detrics", "/health/../metrics",
        "/metrics?x=1", "/api/tokens/../../metrics");
    for (String path : attempts) {
      String answer = rawGet(nginx.port(), path);
      assertFalse(answer.startsWith("HTTP/1.1 200"), path + " answered through nginx:\n" + answer);
      assertFalse(answer.contains("# HELP") || answer.contains("# TYPE"), path + " leaked metrics:\n" + answer);
    }
    String direct = cluster.http().get(cluster.node(0).managementUrl() + "/metrics").body();
    assertTrue(direct.contains("# TYPE"), "the node's own /metrics (the control of this test) is empty");
  }

  @Test
  void unknownPathsGetAJsonErrorFromNginxAndThePublicOnesReachANode() {
    Http.Reply unknown = cluster.http().get(nginx.url() + "/index.php");
    assertEquals(404, unknown.status());
    assertEquals("not_found", unknown.json().getString("error"));
    assertEquals(200, cluster.http().get(nginx.url() + "/").status(), "the page");
    assertEquals(200, cluster.http().get(nginx.url() + "/health").status());
    Http.Reply qr = cluster.http().send("POST", nginx.url() + "/api/login/qrcode", null);
    assertEquals(201, qr.status(), qr.body());
  }

  @Test
  void aLoginThroughNginxLeavesNoQueryStringSessionOrFullSceneIdInItsAccessLog() throws Exception {
    int before = nginx.accessLog().size();
    JsonObject qr = cluster.http().send("POST", nginx.url() + "/api/login/qrcode", null).json();
    String scene = qr.getString("scene");
    CompletableFuture<Http.Reply> held =
        cluster.http().sendAsync("GET", nginx.url() + "/api/login/" + scene + "?wait=25", null);
    JsonObject scan = cluster.scan(qr.getString("qrContent"), OPENID, null);
    assertEquals(200, scan.getInteger("httpStatus"), "the callback through nginx: " + scan);
    JsonObject login = WxNode.answer(held).json();
    assertEquals("CONFIRMED", login.getString("status"), login.encode());
    assertEquals(OPENID, login.getJsonObject("user").getString("openid"));
    String token = login.getJsonObject("session").getString("token");
    cluster.http().get(nginx.url() + "/api/session", "Authorization", "Bearer " + token);
    cluster.http().get(nginx.url() + "/oauth2/requests/abcdefghijklmnopqrstuvwx");

    List<String> lines = nginx.awaitAccessLog(before + 5).subList(before, before + 5);
    assertTrue(lines.stream().anyMatch(l -> path(l).equals("/api/login/" + scene.substring(0, 8) + "…")), "the poll: " + lines);
    assertTrue(lines.stream().anyMatch(l -> path(l).equals("/wechat/callback") && status(l) == 200), "the callback: " + lines);
    assertTrue(lines.stream().anyMatch(l -> path(l).equals("/oauth2/requests/abcdefgh…")), "the OIDC request: " + lines);
    for (String line : lines) {
      for (String secret : List.of(scene, token, "?", "signature", "nonce", "timestamp=", "abcdefghijklmnopqrstuvwx")) {
        assertFalse(line.contains(secret), "the access log shows " + secret + ": " + line);
      }
    }
  }

  private static String path(String logLine) {
    return new JsonObject(logLine).getString("path");
  }

  private static int status(String logLine) {
    return new JsonObject(logLine).getInteger("status");
  }

  /** A GET with the path exactly as written (an HTTP client library would normalise it first). */
  private static String rawGet(int port, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
