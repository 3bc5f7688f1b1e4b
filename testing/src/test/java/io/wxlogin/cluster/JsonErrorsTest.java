package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wxlogin.testing.Http;
import io.wxlogin.testing.ClusterTest;
import io.wxlogin.testing.WxCluster;
import org.junit.jupiter.api.Test;

/** The router's own refusals answer in the one JSON error shape, on every server, never as an HTML page. */
class JsonErrorsTest extends ClusterTest {

  @Override
  protected WxCluster.Builder system() {
    return WxCluster.builder().nodes(1);
  }

  private static void assertJsonError(Http.Reply r, int status, String code) {
    assertEquals(status, r.status(), r.body());
    assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
    assertEquals("no-store", r.header("Cache-Control"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    assertEquals(code, r.json().getString("error"), r.body());
    assertEquals(String.class, r.json().getValue("message").getClass(), r.body());
  }

  @Test
  void anUnknownPathIs404Json() {
    assertJsonError(cluster.node(0).get("/no/such/page"), 404, "not_found");
    assertJsonError(cluster.http().get(cluster.tokenServer().url() + "/no/such/page"), 404, "not_found");
    assertJsonError(cluster.http().get(cluster.sandbox().url() + "/no/such/page"), 404, "not_found");
  }

  @Test
  void aWrongMethodIs405Json() {
    assertJsonError(cluster.http().send("PUT", cluster.node(0).url() + "/api/session", "{}"), 405,
        "method_not_allowed");
  }

  @Test
  void aBodyOverTheLimitIs413Json() {
    Http.Reply r = cluster.http().send("POST", cluster.node(0).url() + "/wechat/callback", "x".repeat(70_000),
        "Content-Type", "text/xml");
    assertJsonError(r, 413, "body_too_large");
  }
}
