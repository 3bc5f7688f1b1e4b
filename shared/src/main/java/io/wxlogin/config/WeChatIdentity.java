package io.wxlogin.config;

import java.util.regex.Pattern;

/**
 * The Official Account identity settings shared by the servers. None has a default: production must never
 * start on a demo value by accident (the README's run command passes the sandbox's values).
 */
public final class WeChatIdentity {

  public static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
  public static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");
  public static final Pattern URL = Pattern.compile("https?://[^\\s]+");

  private WeChatIdentity() {
  }

  public static String appId(Env env) {
    return env.requiredMatching("WECHAT_APP_ID", "the Official Account's appid (公众号 AppID, e.g. wx0123456789abcdef)",
        APP_ID, "an appid is 1-64 letters, digits, '_' or '-'");
  }

  public static String apiBase(Env env) {
    String base = env.matching("WECHAT_API_BASE", "https://api.weixin.qq.com", URL,
        "must be an http(s) URL such as https://api.weixin.qq.com");
    return base == null ? null : base.replaceAll("/+$", "");
  }
}
