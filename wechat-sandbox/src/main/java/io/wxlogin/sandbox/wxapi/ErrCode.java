package io.wxlogin.sandbox.wxapi;

import java.util.Map;

/** The errcodes the sandbox answers, with WeChat's own wording (docs/wechat.md §4.4). */
public final class ErrCode {

  public static final int SYSTEM_BUSY = -1;
  public static final int INVALID_CREDENTIAL = 40001;
  public static final int INVALID_GRANT_TYPE = 40002;
  public static final int INVALID_APPID = 40013;
  public static final int INVALID_ACCESS_TOKEN = 40014;
  /** Not in WeChat's published tables for qrcode/create (§7.10): the sandbox's documented guess. */
  public static final int INVALID_ARGS = 40097;
  public static final int INVALID_APPSECRET = 40125;
  public static final int ACCESS_TOKEN_MISSING = 41001;
  public static final int APPID_MISSING = 41002;
  public static final int APPSECRET_MISSING = 41004;
  public static final int ACCESS_TOKEN_EXPIRED = 42001;
  public static final int DAILY_QUOTA = 45009;
  public static final int DATA_FORMAT_ERROR = 47001;

  private static final Map<Integer, String> MESSAGES = Map.ofEntries(
      Map.entry(SYSTEM_BUSY, "system error"),
      Map.entry(INVALID_CREDENTIAL, "invalid credential, access_token is invalid or not latest, "
          + "could get access_token by getStableAccessToken, more details at "
          + "https://mmbizurl.cn/s/JtxxFh33r"),
      Map.entry(INVALID_GRANT_TYPE, "invalid grant_type"),
      Map.entry(INVALID_APPID, "invalid appid"),
      Map.entry(INVALID_ACCESS_TOKEN, "invalid access_token"),
      Map.entry(INVALID_ARGS, "invalid args"),
      Map.entry(INVALID_APPSECRET, "invalid appsecret"),
      Map.entry(40164, "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist"),
      Map.entry(40243, "AppSecret has been frozen, please unfreeze it"),
      Map.entry(ACCESS_TOKEN_MISSING, "access_token missing"),
      Map.entry(APPID_MISSING, "appid missing"),
      Map.entry(APPSECRET_MISSING, "appsecret missing"),
      Map.entry(ACCESS_TOKEN_EXPIRED, "access_token expired"),
      Map.entry(DAILY_QUOTA, "reach max api daily quota limit"),
      Map.entry(45011, "api minute-quota reach limit must slower retry next minute"),
      Map.entry(DATA_FORMAT_ERROR, "data format error"),
      Map.entry(48001, "api unauthorized"),
      Map.entry(89503, "risky operation, please wait for the administrator to confirm this ip"));

  private ErrCode() {
  }

  /** WeChat's wording for {@code errcode}, or a neutral one for codes injected as faults. */
  public static String message(int errcode) {
    return MESSAGES.getOrDefault(errcode, "sandbox fault " + errcode);
  }
}
