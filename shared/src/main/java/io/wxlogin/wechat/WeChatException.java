package io.wxlogin.wechat;

import java.util.Set;

/**
 * A failed WeChat API call: an {@code errcode} answer (WeChat sends errors as HTTP 200 with a JSON body),
 * or no usable answer at all ({@link Kind#UNREACHABLE}, errcode 0).
 */
public final class WeChatException extends RuntimeException {

  /** What a caller should do about it. */
  public enum Kind {
    /** 40001, 40014, 41001, 42001: the access_token is stale, wrong or missing; refresh and retry once. */
    TOKEN_INVALID,
    /** -1: WeChat is busy; retry with backoff. */
    BUSY,
    /** 45009, 45011: a daily or per-minute quota is used up; retry much later. */
    QUOTA,
    /** appid, secret, IP whitelist, frozen secret, admin confirmation: an operator must act. */
    CONFIG,
    /** No answer, a timeout, a non-200 status or a body that is not WeChat JSON. */
    UNREACHABLE,
    /** Any other errcode. */
    OTHER
  }

  private static final Set<Integer> TOKEN_INVALID = Set.of(40001, 40014, 41001, 42001);
  private static final Set<Integer> QUOTA = Set.of(45009, 45011);
  private static final Set<Integer> CONFIG = Set.of(40002, 40013, 40125, 40164, 40243, 61004, -1000,
      89501, 89502, 89503, 89504, 89505, 89506, 89507);

  private final int errcode;
  private final String errmsg;
  private final Kind kind;

  public WeChatException(int errcode, String errmsg) {
    super(errcode + " " + errmsg);
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.kind = classify(errcode);
  }

  private WeChatException(String reason, Throwable cause) {
    super(reason, cause);
    this.errcode = 0;
    this.errmsg = reason;
    this.kind = Kind.UNREACHABLE;
  }

  public static WeChatException unreachable(String reason, Throwable cause) {
    return new WeChatException(reason, cause);
  }

  static Kind classify(int errcode) {
    if (TOKEN_INVALID.contains(errcode)) {
      return Kind.TOKEN_INVALID;
    }
    if (errcode == -1) {
      return Kind.BUSY;
    }
    if (QUOTA.contains(errcode)) {
      return Kind.QUOTA;
    }
    if (CONFIG.contains(errcode)) {
      return Kind.CONFIG;
    }
    return Kind.OTHER;
  }

  public int errcode() {
    return errcode;
  }

  public String errmsg() {
    return errmsg;
  }

  public Kind kind() {
    return kind;
  }

  /** One line for an operator: what WeChat said and what to do about it. */
  public String operatorAdvice() {
    return switch (errcode) {
      case 40013 -> "WeChat says the appid is invalid (40013): check WECHAT_APP_ID against the Official Account's AppID";
      case 40125, 40001 -> "WeChat rejects the AppSecret (" + errcode
          + "): check WECHAT_APP_SECRET, or reset it in the WeChat console";
      case 40164, 61004 -> "WeChat refuses this server's IP (" + errcode
          + "): add the egress IP to the API IP whitelist in the WeChat console (" + errmsg + ")";
      case 40243 -> "WeChat has frozen the AppSecret (40243): unfreeze or reset it in the WeChat console";
      case 89503, 89501, 89502, 89504, 89505 -> "WeChat asks an administrator to confirm this IP (" + errcode
          + "): approve the call in the admin's WeChat, it will then succeed on retry";
      case 89506, 89507 -> "An administrator rejected this IP (" + errcode
          + "): WeChat blocks it for 1-24 h; approve it in the WeChat console";
      case 45009 -> "WeChat's daily quota for this API is used up (45009): wait for the daily reset or clear the quota";
      default -> "WeChat answered " + errcode + " " + errmsg;
    };
  }
}
