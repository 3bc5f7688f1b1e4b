package io.wxlogin.login.config;

import io.wxlogin.config.Env;
import io.wxlogin.config.Secret;
import io.wxlogin.config.WeChatIdentity;

/**
 * The Official Account as a login node sees it: the appid, the callback Token and EncodingAESKey(s) set in the
 * WeChat console, and where WeChat's API and QR images are. Never the AppSecret (only the token-server has it).
 * The secrets are {@link Secret}s, so {@code toString} shows none of them.
 *
 * @param previousAesKey the key before the last rotation, still accepted for a while (docs/wechat.md)
 */
public record WeChatSettings(String appId, Secret callbackToken, Secret aesKey, Secret previousAesKey,
    String apiBase, String qrImageBase, long apiTimeoutMs) {

  private static final String AES_RULE = "an EncodingAESKey is 43 letters, digits, '+' or '/'";

  public static WeChatSettings from(Env env) {
    String appId = WeChatIdentity.appId(env);
    String token = env.requiredMatching("WECHAT_TOKEN", "the Token set in the WeChat console's server configuration",
        WeChatIdentity.TOKEN, "the callback Token is 3-32 letters or digits");
    String aesKey = env.matching("WECHAT_AES_KEY", null, WeChatIdentity.AES_KEY, AES_RULE);
    String previous = env.matching("WECHAT_AES_KEY_PREVIOUS", null, WeChatIdentity.AES_KEY, AES_RULE);
    if (previous != null && aesKey == null) {
      env.problem("WECHAT_AES_KEY_PREVIOUS is set but WECHAT_AES_KEY is not: set the current key too");
    }
    String apiBase = WeChatIdentity.apiBase(env);
    String qrBase = env.matching("WECHAT_QR_IMAGE_BASE", "https://mp.weixin.qq.com/cgi-bin/showqrcode",
        WeChatIdentity.URL, "must be an http(s) URL");
    int timeout = env.integer("WECHAT_API_TIMEOUT_MS", 3_000, 100, 60_000);
    return new WeChatSettings(appId, Secret.of(token), Secret.of(aesKey), Secret.of(previous), apiBase,
        qrBase == null ? null : qrBase.replaceAll("/+$", ""), timeout);
  }

  /** Safe mode (or compat mode): WeChat encrypts pushes with the EncodingAESKey. */
  public boolean safeModeEnabled() {
    return aesKey != null;
  }
}
