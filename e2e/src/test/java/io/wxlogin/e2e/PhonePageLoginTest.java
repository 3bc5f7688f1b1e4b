package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole login clicked through in one browser, with no curl: the login page in one window, the
 * sandbox's phone page (the user's WeChat) in another.
 */
class PhonePageLoginTest extends OnLoginSite {

  @BeforeAll
  static void start() {
    startSite(LoginSite.builder());
  }

  @Test
  void scanningOnThePhonePageLogsTheOtherWindowInAsThatUser() {
    String openid = Users.openid("PhonePage");
    try (Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      page.qrContent();
      SandboxPhone phone = new SandboxPhone(b, cluster.sandbox().url());

      String reply = phone.scan(SandboxPhone.ticketOf(page.qrImageUrl()), openid, false);
      assertFalse(reply.isBlank(), "WeChat answered the user");
      assertEquals(Users.shown(openid), page.awaitLoggedIn());
      assertEquals("欢迎新朋友，这是你第一次登录。", page.welcome());
      b.screenshot("phone-page-1-logged-in");
      phone.screenshot("phone-page-2-the-phone");
    }
  }
}
