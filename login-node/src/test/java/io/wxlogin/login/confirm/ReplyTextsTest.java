package io.wxlogin.login.confirm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the user reads in WeChat, in both LOGIN_CONFIRM modes. */
class ReplyTextsTest {

  private static final LoginRequester CHROME = new LoginRequester("Chrome", "Windows", "203.0.113.*", "示例网站");

  @Test
  void theScanReplyNamesBrowserSystemNetworkAndSite() {
    assertEquals("你正在 Windows 上的 Chrome（IP 203.0.113.*）登录 示例网站", ReplyTexts.loggingIn(CHROME));
    assertEquals("你正在 Chrome（IP 2001:db8:1::*）登录 示例网站",
        ReplyTexts.loggingIn(new LoginRequester("Chrome", null, "2001:db8:1::*", "示例网站")));
    assertEquals("你正在 Windows 上的浏览器 登录 网站",
        ReplyTexts.loggingIn(new LoginRequester(null, "Windows", null, null)));
    assertEquals("你正在 一个浏览器 登录 示例网站",
        ReplyTexts.loggingIn(new LoginRequester(null, null, null, "示例网站")));
  }

  @Test
  void autoModeSaysLoggedInAndHowToUndoIt() {
    String text = ReplyTexts.autoLoggedIn(CHROME, false);

    assertTrue(text.startsWith("你正在 Windows 上的 Chrome（IP 203.0.113.*）登录 示例网站。"), text);
    assertTrue(text.contains("登录成功，欢迎回来！"), text);
    assertTrue(text.endsWith("不是你本人？10 分钟内回复 0 让该浏览器退出"), text);
    assertTrue(ReplyTexts.autoLoggedIn(CHROME, true).contains("登录成功，欢迎！"));
  }

  @Test
  void replyModeAsksForOneOrZero() {
    assertEquals("你正在 Windows 上的 Chrome（IP 203.0.113.*）登录 示例网站。\n回复 1 确认登录，回复 0 拒绝",
        ReplyTexts.askToConfirm(CHROME));
    assertTrue(ReplyTexts.confirmed(CHROME, false).contains("已确认"));
    assertTrue(ReplyTexts.refused(CHROME).startsWith("已拒绝，Windows 上的 Chrome（IP 203.0.113.*）没有登录 示例网站"));
    assertTrue(ReplyTexts.revoked(CHROME).startsWith("已让 Windows 上的 Chrome（IP 203.0.113.*）退出 示例网站"));
  }

  @Test
  void onlyAMaskedAddressIsEverShown() {
    assertNull(new LoginRequester("Chrome", "Windows", "203.0.113.7", "s").clientNet(), "a full address is dropped");
    assertEquals("203.0.113.*", new LoginRequester("Chrome", "Windows", "203.0.113.*", "s").clientNet());
  }

  @Test
  void theSiteNameIsOneBoundedLine() {
    LoginRequester r = new LoginRequester("Chrome", "Windows", null, "Example\nAdmin " + "x".repeat(100));
    assertEquals(41, r.site().length());
    assertTrue(!r.site().contains("\n"));
  }

  @Test
  void oneAndZeroAreAnswersWhateverTheInputMethod() {
    assertEquals(PhoneAnswer.YES, PhoneAnswer.of("1"));
    assertEquals(PhoneAnswer.YES, PhoneAnswer.of(" １ "));
    assertEquals(PhoneAnswer.NO, PhoneAnswer.of("0\n"));
    assertEquals(PhoneAnswer.NO, PhoneAnswer.of("０"));
    assertNull(PhoneAnswer.of("10"));
    assertNull(PhoneAnswer.of("确认"));
    assertNull(PhoneAnswer.of(null));
  }
}
