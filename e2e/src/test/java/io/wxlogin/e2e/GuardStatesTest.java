package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the page says when the node's guards refuse it a code: too many requests, or no quota left today. */
class GuardStatesTest {

  @Test
  void tooManyNewCodesFromOneAddressAndThePageSaysItWaits() {
    Browser.assumeChromium();
    try (LoginSite site = LoginSite.start(LoginSite.builder().nodeEnv("QR_PER_ADDRESS_PER_MINUTE", "2"));
        Browser b = Browser.desktop("zh-CN")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      String first = page.qrContent();
      page.refresh();
      page.awaitNewQr(first);
      page.refresh();
      page.awaitState("limited");
      assertTrue(page.status().matches("请求过于频繁，\\d+ 秒后自动继续。"), page.status());
      b.screenshot("guard-1-rate-limited");
    }
  }

  @Test
  void whenTheDaysQuotaIsSpentThePageShowsTheServersMessage() {
    Browser.assumeChromium();
    try (LoginSite site = LoginSite.start(LoginSite.builder().nodeEnv("QR_DAILY_QUOTA", "1")
        .nodeEnv("QR_PER_ADDRESS_PER_DAY", "0").nodeEnv("QR_PER_SUBNET_PER_DAY", "0"));
        Browser b = Browser.desktop("en-US")) {
      LoginPage page = new LoginPage(b).open(site.url() + "/");
      page.awaitState("waiting");
      page.refresh();
      page.awaitState("quota");
      assertEquals("Today's QR code quota is used up; please try again later.", page.status());
      assertTrue(page.text(".wxl-detail").startsWith("Logging in with WeChat is unavailable until midnight"),
          page.text(".wxl-detail"));
      assertEquals("No more logins today", page.text(".wxl-ov-title"));
      b.screenshot("guard-2-quota-en");
    }
  }
}
