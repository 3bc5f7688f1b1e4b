package io.wxlogin.sandbox.qr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QrCodeTest {

  @Test
  void toStringHidesTheTicketAndTheWholeScene() {
    String scene = "abcdefgh-rest-of-the-scene-id-0123456789";
    String ticket = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==";
    QrCode qr = new QrCode(ticket, "http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI", "QR_STR_SCENE", scene,
        Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
    String shown = qr.toString();
    assertFalse(shown.contains(scene), shown);
    assertFalse(shown.contains(ticket), shown);
    assertTrue(shown.contains("abcdefgh…"), shown);
  }
}
