package io.wxlogin.sandbox.token;

import io.wxlogin.sandbox.wxapi.ErrCode;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** The checks both token APIs make on grant_type, appid and secret, in the order WeChat reports them. */
final class Credentials {

  private final String appId;
  private final byte[] secret;

  Credentials(String appId, String secret) {
    this.appId = appId;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** 0 when the caller may have a token, else the errcode to answer. */
  int check(String grantType, String appid, String secret) {
    if (!"client_credential".equals(grantType)) {
      return ErrCode.INVALID_GRANT_TYPE;
    }
    if (appid == null || appid.isEmpty()) {
      return ErrCode.APPID_MISSING;
    }
    if (!appId.equals(appid)) {
      return ErrCode.INVALID_APPID;
    }
    if (secret == null || secret.isEmpty()) {
      return ErrCode.APPSECRET_MISSING;
    }
    return MessageDigest.isEqual(this.secret, secret.getBytes(StandardCharsets.UTF_8))
        ? 0 : ErrCode.INVALID_APPSECRET;
  }
}
