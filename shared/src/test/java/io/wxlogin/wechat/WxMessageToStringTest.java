package io.wxlogin.wechat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WxMessageToStringTest {

  /** A scan's EventKey is qrscene_ + the login node's scene id, the secret its browser polls with. */
  @Test
  void toStringHidesTheSceneAndTheTicket() {
    String scene = "abcdefgh-rest-of-the-scene-id-0123456789";
    String ticket = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==";
    WxMessage msg = new WxMessage("gh_1234567890ab", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", 1348831860L, "event",
        "subscribe", "qrscene_" + scene, ticket, null, null, null, null, null, null);
    String shown = msg.toString();
    assertFalse(shown.contains(scene), shown);
    assertFalse(shown.contains(ticket), shown);
    assertFalse(shown.contains("o6_bmjrPTlm6_2sgVt7hMZOPfL2M"), shown);
    assertTrue(shown.contains("subscribe"), shown);
  }
}
