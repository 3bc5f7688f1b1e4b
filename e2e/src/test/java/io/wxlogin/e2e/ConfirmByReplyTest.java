package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LOGIN_CONFIRM=reply, clicked through in one browser (login page in one window, the sandbox's phone page
 * in another): the page says "scanned" until the user answers 1 (logged in) or 0 (refused).
 */
class ConfirmByReplyTest extends OnLoginSite {

  @BeforeAll
  static void start() {
    startSite(LoginSite.builder().nodeEnv("LOGIN_CONFIRM", "reply"));
  }

  @Test
  void scannedOnThePhoneThePageWaitsForTheAnswerThenNamesTheUser() {
    String openid = Users.openid("Confirm");
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      SandboxPhone phone = new SandboxPhone(b, cluster.sandbox().url());

      String asked = phone.scan(SandboxPhone.ticketOf(page.qrImageUrl()), openid, false);
      assertTrue(asked.contains("回复 1") && asked.contains("Chrome"),
          "WeChat names the browser being logged in and asks for the answer: " + asked);
      page.awaitState("scanned");
      assertEquals("已扫描，请在微信中确认登录", page.status());
      b.screenshot("reply-1-scanned");
      phone.screenshot("reply-2-phone-asks");

      phone.reply("1");
      assertEquals(Users.shown(openid), page.awaitLoggedIn());
      b.screenshot("reply-3-logged-in");
    }
  }

  @Test
  void answeringZeroRefusesAndThePageSaysSo() {
    try (Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      SandboxPhone phone = new SandboxPhone(b, cluster.sandbox().url());

      phone.scan(SandboxPhone.ticketOf(page.qrImageUrl()), Users.openid("Refuse"), true);
      page.awaitState("scanned");
      phone.reply("0");
      page.awaitState("refused");
      assertEquals("You refused this login in WeChat.", page.status());
      assertEquals("Get a new QR code", page.text(".wxl-ov-button"));
      b.screenshot("reply-4-refused-en");
    }
  }
}
