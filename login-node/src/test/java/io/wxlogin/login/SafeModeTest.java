package io.wxlogin.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WeChat's safe mode: the event arrives encrypted and the reply goes back encrypted. */
class SafeModeTest {

  static LocalCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new LocalCluster("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anEncryptedScanLogsInAndTheEncryptedReplyDecodes() {
    JsonObject qr = cluster.newQr(cluster.nodeA);
    JsonObject scan = cluster.scan(qr.getString("qrContent"), "o_safe_mode_user_0000000000001", null);
    assertEquals(200, scan.getInteger("httpStatus"));
    assertEquals("登录成功，欢迎！请回到网页继续。", scan.getString("reply"), scan.encode());
    HttpResponse<String> poll = cluster.get(cluster.nodeA, "/api/login/" + qr.getString("scene") + "?wait=0");
    assertEquals("CONFIRMED", new JsonObject(poll.body()).getString("status"));
  }
}
