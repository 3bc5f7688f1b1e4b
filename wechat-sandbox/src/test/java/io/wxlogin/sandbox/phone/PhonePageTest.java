package io.wxlogin.sandbox.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The phone page's files and the live QR list it shows. */
@ExtendWith(VertxExtension.class)
class PhonePageTest {

  @Test
  void pageIsServedWithItsScriptAsAFileAndAStrictPolicy(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);

    HttpResponse<Buffer> page = sandbox.get("/sandbox/phone");
    String html = page.bodyAsString();

    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("Content-Type").startsWith("text/html"), page.getHeader("Content-Type"));
    assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"));
    assertFalse(page.getHeader("Content-Security-Policy").contains("unsafe-inline"));
    assertTrue(html.contains("<script src=\"/sandbox/phone/phone.js\" defer></script>"));
    assertFalse(html.matches("(?s).*<script>.*|.*<style.*| on[a-z]+=\".*"), "no inline script, style or handler");
    for (String id : new String[] {"qr-list", "openid", "follower", "message", "send", "chat", "new-user"}) {
      assertTrue(html.contains("id=\"" + id + "\""), "stable id #" + id);
    }

    HttpResponse<Buffer> script = sandbox.get("/sandbox/phone/phone.js");
    assertEquals(200, script.statusCode());
    assertTrue(script.getHeader("Content-Type").contains("javascript"), script.getHeader("Content-Type"));
    assertTrue(script.bodyAsString().contains("/sandbox/message"));
    assertFalse(script.bodyAsString().contains("innerHTML"), "data goes in with textContent only");
    assertEquals(200, sandbox.get("/sandbox/phone/phone.css").statusCode());
    assertEquals(404, sandbox.get("/sandbox/phone/nothing.js").statusCode());
  }

  @Test
  void qrListShowsLiveCodesNewestFirstWithAgeAndTimeLeft(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String token = sandbox.token();
    String old = sandbox.createQr(token, SandboxFixture.strSceneQr("0123456789abcdef0123456789abcdef", 180))
        .getString("ticket");
    sandbox.clock.advanceSeconds(30);
    String fresh = sandbox.createQr(token, SandboxFixture.strSceneQr("short", 60)).getString("ticket");
    sandbox.clock.advanceSeconds(10);

    JsonArray list = sandbox.getJson("/sandbox/qrcodes").getJsonArray("qrcodes");

    assertEquals(2, list.size());
    JsonObject first = list.getJsonObject(0);
    assertEquals(fresh, first.getString("ticket"));
    assertEquals("short", first.getString("scene"));
    assertEquals(10, first.getInteger("ageSeconds"));
    assertEquals(50, first.getInteger("expiresIn"));
    JsonObject second = list.getJsonObject(1);
    assertEquals(old, second.getString("ticket"));
    assertEquals("01234567…", second.getString("scene"), "a login scene id is shown shortened, like in logs");
    assertEquals(140, second.getInteger("expiresIn"));
    assertTrue(second.getString("qrContent").startsWith("http://weixin.qq.com/q/"));

    sandbox.clock.advanceSeconds(50);
    JsonArray later = sandbox.getJson("/sandbox/qrcodes").getJsonArray("qrcodes");
    assertEquals(1, later.size(), "an expired code is no longer listed");
    assertEquals(old, later.getJsonObject(0).getString("ticket"));
  }

  @Test
  void permanentCodesAreListedWithoutAnExpiry(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    sandbox.createQr(sandbox.token(), new JsonObject().put("action_name", "QR_LIMIT_STR_SCENE")
        .put("action_info", new JsonObject().put("scene", new JsonObject().put("scene_str", "shop"))));

    JsonObject only = sandbox.getJson("/sandbox/qrcodes").getJsonArray("qrcodes").getJsonObject(0);

    assertNull(only.getValue("expiresIn"));
    assertEquals("QR_LIMIT_STR_SCENE", only.getString("action"));
  }
}
