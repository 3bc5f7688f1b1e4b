package io.wxlogin.sandbox.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.wxlogin.sandbox.SandboxFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ShowQrTest {

  private static String decode(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
        .getText();
  }

  @Test
  void showqrcodeServesAScannablePngOfTheUrlCachedForAWeek(Vertx vertx) throws Exception {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    JsonObject qr = sandbox.createQr(sandbox.token(), SandboxFixture.strSceneQr("login-1", 180));

    HttpResponse<Buffer> image = sandbox.get("/cgi-bin/showqrcode?ticket=" + SandboxFixture.encode(qr.getString("ticket")));

    assertEquals(200, image.statusCode());
    assertEquals("image/png", image.getHeader("Content-Type"));
    assertEquals("max-age=604800", image.getHeader("Cache-Control"));
    assertEquals(qr.getString("url"), decode(image.body().getBytes()));
  }

  @Test
  void unknownTicketIsHttp404(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);

    assertEquals(404, sandbox.get("/cgi-bin/showqrcode?ticket=" + SandboxFixture.encode("gQH47joAAAAAAAAAASxodHRw==")).statusCode());
    assertEquals(404, sandbox.get("/cgi-bin/showqrcode").statusCode());
  }

  @Test
  void expiredTicketIsHttp404(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String ticket = sandbox.createQr(sandbox.token(), SandboxFixture.strSceneQr("s", 60)).getString("ticket");
    sandbox.clock.advanceSeconds(60);

    assertEquals(404, sandbox.get("/cgi-bin/showqrcode?ticket=" + SandboxFixture.encode(ticket)).statusCode());
  }

  @Test
  void ticketSentWithoutUrlEncodingIsNotFoundAsAtWeChat(Vertx vertx) {
    SandboxFixture sandbox = SandboxFixture.start(vertx);
    String token = sandbox.token();
    String ticket = "";
    for (int i = 0; i < 50 && ticket.indexOf('+') < 0; i++) {
      ticket = sandbox.createQr(token, SandboxFixture.strSceneQr("s" + i, 60)).getString("ticket");
    }
    assertTrue(ticket.indexOf('+') >= 0, "some ticket among 50 has a +");

    assertEquals(404, sandbox.get("/cgi-bin/showqrcode?ticket=" + ticket).statusCode());
    assertEquals(200, sandbox.get("/cgi-bin/showqrcode?ticket=" + SandboxFixture.encode(ticket)).statusCode());
  }
}
