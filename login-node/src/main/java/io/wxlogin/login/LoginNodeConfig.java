package io.wxlogin.login;

import io.wxlogin.config.Env;
import io.wxlogin.config.WeChatIdentity;
import io.wxlogin.redis.RedisConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Everything a login node is told through its environment (SPEC.md, configuration table). */
public record LoginNodeConfig(
    int httpPort,
    RedisConfig redis,
    String appId,
    String callbackToken,
    String aesKey,
    String previousAesKey,
    String apiBase,
    String qrImageBase,
    String nodeId,
    int sceneTtlSeconds,
    int pollWaitMaxSeconds,
    int sessionTtlSeconds,
    List<String> corsAllowedOrigins,
    long wechatTimeoutMs) {

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public static LoginNodeConfig from(Env env) {
    int port = env.integer("HTTP_PORT", 8080, 0, 65535);
    RedisConfig redis = RedisConfig.from(env);
    String appId = WeChatIdentity.appId(env);
    String token = env.requiredMatching("WECHAT_TOKEN", "the Token set in the WeChat console's server configuration",
        WeChatIdentity.TOKEN, "the callback Token is 3-32 letters or digits");
    String aesKey = env.matching("WECHAT_AES_KEY", null, WeChatIdentity.AES_KEY,
        "an EncodingAESKey is 43 letters, digits, '+' or '/'");
    String previousAesKey = env.matching("WECHAT_AES_KEY_PREVIOUS", null, WeChatIdentity.AES_KEY,
        "an EncodingAESKey is 43 letters, digits, '+' or '/'");
    String apiBase = WeChatIdentity.apiBase(env);
    String qrBase = env.matching("WECHAT_QR_IMAGE_BASE", "https://mp.weixin.qq.com/cgi-bin/showqrcode",
        WeChatIdentity.URL, "must be an http(s) URL");
    String nodeId = env.matching("NODE_ID", defaultNodeId(), NODE_ID, "1-64 letters, digits, '_', '.' or '-'");
    int sceneTtl = env.integer("SCENE_TTL_SECONDS", 180, 10, 2_592_000);
    int pollMax = env.integer("POLL_WAIT_MAX_SECONDS", 30, 0, 120);
    int sessionTtl = env.integer("SESSION_TTL_SECONDS", 604_800, 60, 31_536_000);
    String cors = env.string("CORS_ALLOWED_ORIGINS", "");
    List<String> origins = Arrays.stream(cors.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String origin : origins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        env.problem("CORS_ALLOWED_ORIGINS has '" + origin + "': each origin is scheme://host[:port] with no path");
      }
    }
    if (previousAesKey != null && aesKey == null) {
      env.problem("WECHAT_AES_KEY_PREVIOUS is set but WECHAT_AES_KEY is not: set the current key too");
    }
    int timeout = env.integer("WECHAT_API_TIMEOUT_MS", 3_000, 100, 60_000);
    env.check();
    return new LoginNodeConfig(port, redis, appId, token, aesKey, previousAesKey, apiBase,
        qrBase.replaceAll("/+$", ""), nodeId, sceneTtl, pollMax, sessionTtl, origins, timeout);
  }

  static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "");
    } catch (UnknownHostException e) {
      host = "node";
    }
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    String base = host.isEmpty() ? "node" : host.substring(0, Math.min(host.length(), 50));
    return base + "-" + HexFormat.of().formatHex(suffix);
  }

  public LoginNodeConfig withHttpPort(int port) {
    return new LoginNodeConfig(port, redis, appId, callbackToken, aesKey, previousAesKey, apiBase, qrImageBase,
        nodeId, sceneTtlSeconds, pollWaitMaxSeconds, sessionTtlSeconds, corsAllowedOrigins, wechatTimeoutMs);
  }

  public boolean safeModeEnabled() {
    return aesKey != null;
  }
}
