package io.wxlogin.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WeChatExceptionTest {

  @Test
  void tokenErrorsAskForARefresh() {
    for (int code : new int[] {40001, 40014, 41001, 42001}) {
      assertEquals(WeChatException.Kind.TOKEN_INVALID, new WeChatException(code, "x").kind(), "errcode " + code);
    }
  }

  @Test
  void busyQuotaAndConfigErrorsAreToldApart() {
    assertEquals(WeChatException.Kind.BUSY, new WeChatException(-1, "system error").kind());
    assertEquals(WeChatException.Kind.QUOTA, new WeChatException(45009, "reach max api daily quota limit").kind());
    assertEquals(WeChatException.Kind.QUOTA, new WeChatException(45011, "api minute-quota reach limit").kind());
    for (int code : new int[] {40002, 40013, 40125, 40164, 40243, 61004, -1000, 89501, 89502, 89503, 89504, 89505,
        89506, 89507}) {
      assertEquals(WeChatException.Kind.CONFIG, new WeChatException(code, "x").kind(), "errcode " + code);
    }
    assertEquals(WeChatException.Kind.OTHER, new WeChatException(45029, "qrcode count out of limit").kind());
  }

  @Test
  void unreachableHasNoErrcodeAndKeepsTheCause() {
    IOException cause = new IOException("connection refused");
    WeChatException e = WeChatException.unreachable("no answer from api.weixin.qq.com", cause);
    assertEquals(WeChatException.Kind.UNREACHABLE, e.kind());
    assertEquals(0, e.errcode());
    assertSame(cause, e.getCause());
  }

  @Test
  void operatorAdviceNamesTheVariableOrConsoleStepToFix() {
    assertTrue(new WeChatException(40013, "invalid appid").operatorAdvice().contains("WECHAT_APP_ID"));
    assertTrue(new WeChatException(40125, "invalid appsecret").operatorAdvice().contains("WECHAT_APP_SECRET"));
    String ip = new WeChatException(40164, "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: x")
        .operatorAdvice();
    assertTrue(ip.contains("whitelist") && ip.contains("1.2.3.4"), ip);
    assertEquals("WeChat answered 45029 qrcode count out of limit",
        new WeChatException(45029, "qrcode count out of limit").operatorAdvice());
    assertEquals("40001 invalid credential", new WeChatException(40001, "invalid credential").getMessage());
  }
}
