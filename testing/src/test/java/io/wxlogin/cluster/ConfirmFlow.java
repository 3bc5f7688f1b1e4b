package io.wxlogin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;

/** What the confirm-by-reply tests do as a browser and as a phone, over real HTTP. */
final class ConfirmFlow {

  static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private final WxCluster cluster;

  ConfirmFlow(WxCluster cluster) {
    this.cluster = cluster;
  }

  /** A QR code asked for by Chrome on Windows, on {@code node}: {"scene","qrContent",…}. */
  JsonObject qr(WxNode node) {
    Http.Reply r = cluster.http().send("POST", node.url() + "/api/login/qrcode", null, "User-Agent", CHROME_ON_WINDOWS);
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  /** The user scans: the sandbox pushes the event to the last node and answers what the user read. */
  String scan(JsonObject qr, String openid) {
    JsonObject answer = cluster.scan(qr.getString("qrContent"), openid, null);
    assertEquals(200, answer.getInteger("httpStatus"), answer.encode());
    return answer.getString("reply");
  }

  /** The user types {@code content}; the reply as the user reads it. */
  String message(String openid, String content) {
    Http.Reply r = cluster.sandbox().post("/sandbox/message", new JsonObject().put("openid", openid)
        .put("content", content));
    assertEquals(200, r.status(), r.body());
    JsonObject answer = r.json();
    assertEquals(200, answer.getInteger("httpStatus"), answer.encode());
    return answer.getString("reply");
  }

  /** {@code GET /api/session} on {@code node} with the token: 200 while the session lives, 401 after. */
  int session(WxNode node, String token) {
    return cluster.http().send("GET", node.url() + "/api/session", null, "Authorization", "Bearer " + token).status();
  }

  static String status(Http.Reply poll) {
    return poll.json().getString("status");
  }

  /** The session token a CONFIRMED poll answered. */
  static String token(Http.Reply poll) {
    assertEquals("CONFIRMED", status(poll), poll.body());
    return poll.json().getJsonObject("session").getString("token");
  }
}
