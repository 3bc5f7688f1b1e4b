package io.wxlogin.token.refresh;

import io.vertx.core.Future;
import io.wxlogin.token.TokenApi;
import io.wxlogin.token.store.StoredToken;
import io.wxlogin.wechat.WeChatApi;

/** The configured WeChat token API, called with this process's AppSecret. */
final class TokenSource {

  private final WeChatApi api;
  private final TokenApi tokenApi;
  private final String appId;
  private final String appSecret;
  private final String serverId;

  TokenSource(WeChatApi api, TokenApi tokenApi, String appId, String appSecret, String serverId) {
    this.api = api;
    this.tokenApi = tokenApi;
    this.appId = appId;
    this.appSecret = appSecret;
    this.serverId = serverId;
  }

  /** Only stable_token has a force mode; a classic call always yields a new token anyway. */
  boolean canForce() {
    return tokenApi == TokenApi.STABLE;
  }

  /** The metric label of a call. */
  String label(boolean force) {
    return tokenApi == TokenApi.CLASSIC ? "classic" : force ? "stable_force" : "stable";
  }

  /**
   * A token as it would be stored. Its expiry counts from when the request was sent, so WeChat's
   * {@code expires_in} is never stretched by the time the answer took.
   */
  Future<StoredToken> fetch(boolean force) {
    long sentAt = System.currentTimeMillis();
    Future<WeChatApi.AccessToken> call = tokenApi == TokenApi.CLASSIC
        ? api.classicToken(appId, appSecret)
        : api.stableToken(appId, appSecret, force);
    return call.map(t -> new StoredToken(t.value(), sentAt + t.expiresIn() * 1000L, sentAt, serverId));
  }
}
