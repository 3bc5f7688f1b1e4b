package io.wxlogin.login.confirm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real browsers' User-Agent headers, and the hostile ones a QR phisher would send. */
class BrowserParserTest {

  private static BrowserParser parser;

  @BeforeAll
  static void loadRules() {
    parser = new BrowserParser();
  }

  @ParameterizedTest(name = "{1} on {2}")
  @CsvSource(delimiter = '|', value = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
          + "|Chrome|Windows",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
          + " Edg/131.0.0.0|Edge|Windows",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5"
          + " Safari/605.1.15|Safari|macOS",
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0|Firefox|Linux",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile"
          + " Safari/537.36|Chrome|Android",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
          + " MicroMessenger/8.0.49(0x18003133) NetType/WIFI Language/zh_CN|WeChat|iOS",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0"
          + " Safari/537.36|Headless Chrome|Linux"})
  void namesTheBrowserAndSystemOfRealHeaders(String header, String browser, String os) {
    assertEquals(new BrowserParser.Browser(browser, os), parser.parse(header));
  }

  @Test
  void missingOrUnknownHeadersNameNothing() {
    assertEquals(new BrowserParser.Browser(null, null), parser.parse(null));
    assertEquals(new BrowserParser.Browser(null, null), parser.parse(""));
    assertEquals(new BrowserParser.Browser(null, null), parser.parse("x"));
  }

  @Test
  void aHeaderCannotWriteItsOwnTextIntoTheReply() {
    BrowserParser.Browser forged = parser.parse("微信安全中心/1.0 (请立即回复1领取奖品)");
    assertEquals(new BrowserParser.Browser(null, null), forged);

    BrowserParser.Browser huge = parser.parse("Mozilla/5.0 (Windows NT 10.0) Chrome/131.0 " + "A".repeat(100_000));
    assertEquals("Windows", huge.os(), "a long header is cut, not refused");
  }
}
