package io.wxlogin.token.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxVerticle;
import io.wxlogin.testing.Http;
import java.util.concurrent.TimeUnit;

/** The wechat-sandbox in this JVM, on its own Vert.x and a free port, with its control API as methods. */
public final class Sandbox implements AutoCloseable {

  public static final String TOKEN = SandboxVerticle.TOKEN;
  public static final String STABLE_TOKEN = SandboxVerticle.STABLE_TOKEN;

  private static final Http HTTP = new Http();

  private final Vertx vertx = Vertx.vertx();
  private final SandboxConfig config;
  private final int port;

  public Sandbox(SandboxConfig config) {
    this.config = config.toBuilder().httpPort(0).build();
    SandboxVerticle verticle = new SandboxVerticle(this.config);
    try {
      vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(e);
    }
    port = verticle.actualPort();
  }

  /** Tokens live {@code ttl} s; stable_token hands out a new one in the last {@code overlap} s. */
  public static Sandbox withTokens(int ttl, int overlap) {
    return new Sandbox(SandboxConfig.builder().tokenTtlSeconds(ttl).tokenOverlapSeconds(overlap).build());
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public TestConfig serverConfig() {
    return new TestConfig(url(), config.appId(), config.appSecret());
  }

  public String appId() {
    return config.appId();
  }

  /** How many times {@code api} was called since the last reset. */
  public long calls(String api) {
    return HTTP.send("GET", url() + "/sandbox/stats", null).json().getJsonObject("apis").getJsonObject(api)
        .getLong("calls");
  }

  public JsonObject stats(String api) {
    return HTTP.send("GET", url() + "/sandbox/stats", null).json().getJsonObject("apis").getJsonObject(api);
  }

  public void resetStats() {
    HTTP.send("DELETE", url() + "/sandbox/stats", null);
  }

  /** The next {@code count} calls of {@code api} (-1: until cleared) answer {@code errcode} after {@code delayMs}. */
  public void fault(String api, Integer errcode, int count, long delayMs) {
    JsonObject f = new JsonObject().put("api", api).put("count", count).put("delayMs", delayMs);
    if (errcode != null) {
      f.put("errcode", errcode);
    }
    Http.Reply a = HTTP.send("POST", url() + "/sandbox/faults", f.encode());
    if (a.status() != 201) {
      throw new IllegalStateException("fault refused: " + a.body());
    }
  }

  public void clearFaults() {
    HTTP.send("DELETE", url() + "/sandbox/faults", null);
  }

  /** Every token issued so far answers 40001 from now on. */
  public void invalidateTokens() {
    HTTP.send("POST", url() + "/sandbox/expire-tokens", "{\"as\":\"invalidated\"}");
  }

  /** The errcode WeChat answers when {@code token} is used to create a QR code: 0 when it works. */
  public int useToken(String token) {
    String body = "{\"expire_seconds\":60,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"t\"}}}";
    JsonObject answer = HTTP.send("POST", url() + "/cgi-bin/qrcode/create?access_token=" + token, body).json();
    return answer.getInteger("errcode", 0);
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
