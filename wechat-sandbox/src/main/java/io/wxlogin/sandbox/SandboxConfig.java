package io.wxlogin.sandbox;

import io.wxlogin.config.Env;
import io.wxlogin.config.WeChatIdentity;
import io.wxlogin.wechat.WxCrypto;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the sandbox needs to play WeChat for one Official Account. Unlike the servers it has a
 * complete demo identity by default, so it runs with no configuration at all; the README hands these
 * values to the token-server and login nodes.
 *
 * @param aesKey the EncodingAESKey; {@code null} means plaintext pushes
 * @param encryptMode {@code safe} or {@code compat}; only read when {@code aesKey} is set
 */
public record SandboxConfig(
    int httpPort,
    String appId,
    String appSecret,
    String token,
    String aesKey,
    String encryptMode,
    String originalId,
    String callbackUrl,
    int tokenTtlSeconds,
    int tokenOverlapSeconds,
    int tokenDailyQuota,
    int qrDailyQuota,
    int callbackTimeoutMs,
    int callbackRetries) {

  public static final String SAFE = "safe";
  public static final String COMPAT = "compat";

  static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{1,64}");
  static final Pattern ORIGINAL_ID = Pattern.compile("gh_[A-Za-z0-9]{1,32}");
  static final Pattern MODE = Pattern.compile("safe|compat");

  public SandboxConfig {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(appSecret, "appSecret");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(originalId, "originalId");
    Objects.requireNonNull(callbackUrl, "callbackUrl");
    if (!MODE.matcher(String.valueOf(encryptMode)).matches()) {
      throw new IllegalArgumentException("encryptMode is safe or compat");
    }
    if (aesKey != null) {
      WxCrypto.aesKey(aesKey);
    }
    // overlap >= ttl is allowed here (tests shorten one at a time); it only means every stable call rotates
    if (tokenTtlSeconds < 1 || tokenOverlapSeconds < 0) {
      throw new IllegalArgumentException("tokenTtlSeconds is positive and tokenOverlapSeconds not negative");
    }
    if (tokenDailyQuota < 1 || qrDailyQuota < 1 || callbackTimeoutMs < 1 || callbackRetries < 0) {
      throw new IllegalArgumentException("quotas and the callback timeout are positive, retries not negative");
    }
  }

  public static SandboxConfig defaults() {
    return new SandboxConfig(8090, "wx5a7e0c1d2b3f4e6a", "5a7e0c1d2b3f4e6a8b9c0d1e2f3a4b5c", "sandboxtoken",
        null, SAFE, "gh_sandbox000001", "http://127.0.0.1:8080/wechat/callback",
        7200, 300, 2000, 100_000, 5000, 3);
  }

  /** Reads every {@code SANDBOX_*} variable (and {@code HTTP_PORT}); unset ones keep {@link #defaults()}. */
  public static SandboxConfig from(Env env) {
    SandboxConfig d = defaults();
    int port = env.integer("HTTP_PORT", d.httpPort, 0, 65535);
    String appId = env.matching("SANDBOX_APP_ID", d.appId, WeChatIdentity.APP_ID,
        "an appid is 1-64 letters, digits, '_' or '-'");
    String secret = env.matching("SANDBOX_APP_SECRET", d.appSecret, SECRET, "an AppSecret is 1-64 letters or digits");
    String token = env.matching("SANDBOX_TOKEN", d.token, WeChatIdentity.TOKEN,
        "the callback Token is 3-32 letters or digits");
    String aesKey = env.matching("SANDBOX_AES_KEY", null, WeChatIdentity.AES_KEY,
        "an EncodingAESKey is exactly 43 characters of [A-Za-z0-9+/]");
    String mode = env.matching("SANDBOX_ENCRYPT_MODE", null, MODE, "must be safe or compat");
    if (mode != null && aesKey == null) {
      env.problem("SANDBOX_ENCRYPT_MODE is '" + mode + "' but SANDBOX_AES_KEY is not set: set the key too, "
          + "or unset SANDBOX_ENCRYPT_MODE for plaintext pushes");
    }
    String originalId = env.matching("SANDBOX_ORIGINAL_ID", d.originalId, ORIGINAL_ID,
        "an original id is gh_ followed by 1-32 letters or digits");
    String callbackUrl = env.matching("SANDBOX_CALLBACK_URL", d.callbackUrl, WeChatIdentity.URL,
        "must be an http(s) URL such as http://127.0.0.1:8080/wechat/callback");
    int ttl = env.integer("SANDBOX_TOKEN_TTL_SECONDS", d.tokenTtlSeconds, 2, 86_400);
    // a short TTL alone must not make the default overlap invalid: it then defaults to half the TTL
    int overlap = env.integer("SANDBOX_TOKEN_OVERLAP_SECONDS", Math.min(d.tokenOverlapSeconds, ttl / 2), 0, 86_399);
    if (overlap >= ttl) {
      env.problem("SANDBOX_TOKEN_OVERLAP_SECONDS is " + overlap + ": must be less than SANDBOX_TOKEN_TTL_SECONDS ("
          + ttl + ")");
    }
    int tokenQuota = env.integer("SANDBOX_TOKEN_DAILY_QUOTA", d.tokenDailyQuota, 1, Integer.MAX_VALUE);
    int qrQuota = env.integer("SANDBOX_QR_DAILY_QUOTA", d.qrDailyQuota, 1, Integer.MAX_VALUE);
    int timeout = env.integer("SANDBOX_CALLBACK_TIMEOUT_MS", d.callbackTimeoutMs, 1, 60_000);
    int retries = env.integer("SANDBOX_CALLBACK_RETRIES", d.callbackRetries, 0, 10);
    env.check();
    return new SandboxConfig(port, appId, secret, token, aesKey, mode == null ? SAFE : mode, originalId,
        callbackUrl, ttl, overlap, tokenQuota, qrQuota, timeout, retries);
  }

  public boolean encrypted() {
    return aesKey != null;
  }

  /** A builder starting from {@link #defaults()}: {@code SandboxConfig.builder().httpPort(0).build()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding this configuration, to change a few values: {@code config.toBuilder().aesKey(k).build()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Every field settable by name, so a new field is one line here instead of a copier per field; the
   * record's constructor still checks the result in {@link #build()}.
   */
  public static final class Builder {
    private int httpPort;
    private String appId;
    private String appSecret;
    private String token;
    private String aesKey;
    private String encryptMode;
    private String originalId;
    private String callbackUrl;
    private int tokenTtlSeconds;
    private int tokenOverlapSeconds;
    private int tokenDailyQuota;
    private int qrDailyQuota;
    private int callbackTimeoutMs;
    private int callbackRetries;

    private Builder(SandboxConfig c) {
      httpPort = c.httpPort;
      appId = c.appId;
      appSecret = c.appSecret;
      token = c.token;
      aesKey = c.aesKey;
      encryptMode = c.encryptMode;
      originalId = c.originalId;
      callbackUrl = c.callbackUrl;
      tokenTtlSeconds = c.tokenTtlSeconds;
      tokenOverlapSeconds = c.tokenOverlapSeconds;
      tokenDailyQuota = c.tokenDailyQuota;
      qrDailyQuota = c.qrDailyQuota;
      callbackTimeoutMs = c.callbackTimeoutMs;
      callbackRetries = c.callbackRetries;
    }

    public Builder httpPort(int v) {
      httpPort = v;
      return this;
    }

    public Builder appId(String v) {
      appId = v;
      return this;
    }

    public Builder appSecret(String v) {
      appSecret = v;
      return this;
    }

    public Builder token(String v) {
      token = v;
      return this;
    }

    /** {@code null} for plaintext pushes. */
    public Builder aesKey(String v) {
      aesKey = v;
      return this;
    }

    public Builder encryptMode(String v) {
      encryptMode = v;
      return this;
    }

    public Builder originalId(String v) {
      originalId = v;
      return this;
    }

    public Builder callbackUrl(String v) {
      callbackUrl = v;
      return this;
    }

    public Builder tokenTtlSeconds(int v) {
      tokenTtlSeconds = v;
      return this;
    }

    public Builder tokenOverlapSeconds(int v) {
      tokenOverlapSeconds = v;
      return this;
    }

    public Builder tokenDailyQuota(int v) {
      tokenDailyQuota = v;
      return this;
    }

    public Builder qrDailyQuota(int v) {
      qrDailyQuota = v;
      return this;
    }

    public Builder callbackTimeoutMs(int v) {
      callbackTimeoutMs = v;
      return this;
    }

    public Builder callbackRetries(int v) {
      callbackRetries = v;
      return this;
    }

    public SandboxConfig build() {
      return new SandboxConfig(httpPort, appId, appSecret, token, aesKey, encryptMode, originalId, callbackUrl,
          tokenTtlSeconds, tokenOverlapSeconds, tokenDailyQuota, qrDailyQuota, callbackTimeoutMs, callbackRetries);
    }
  }

  /**
   * Every field but the three secrets (AppSecret, callback Token, EncodingAESKey), which show as
   * {@code ***}: the record's default toString would print them into logs.
   */
  @Override
  public String toString() {
    return "SandboxConfig[httpPort=" + httpPort + ", appId=" + appId + ", appSecret=***, token=***, aesKey="
        + (aesKey == null ? "none" : "***") + ", encryptMode=" + (aesKey == null ? "plaintext" : encryptMode)
        + ", originalId=" + originalId + ", callbackUrl=" + callbackUrl + ", tokenTtlSeconds=" + tokenTtlSeconds
        + ", tokenOverlapSeconds=" + tokenOverlapSeconds + ", tokenDailyQuota=" + tokenDailyQuota
        + ", qrDailyQuota=" + qrDailyQuota + ", callbackTimeoutMs=" + callbackTimeoutMs
        + ", callbackRetries=" + callbackRetries + "]";
  }
}
