package io.wxlogin.sandbox;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A real sandbox verticle on a free port, its hand-moved clock, and blocking HTTP helpers for tests. */
public final class SandboxFixture {

  public final SandboxConfig config;
  public final MutableClock clock = new MutableClock();
  public final int port;
  private final WebClient web;

  private SandboxFixture(Vertx vertx, SandboxConfig config, boolean wallClock) {
    SandboxVerticle verticle = wallClock ? new SandboxVerticle(config.toBuilder().httpPort(0).build())
        : new SandboxVerticle(config.toBuilder().httpPort(0).build(), clock);
    await(vertx.deployVerticle(verticle));
    this.config = config;
    this.port = verticle.actualPort();
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public static SandboxFixture start(Vertx vertx) {
    return start(vertx, SandboxConfig.defaults());
  }

  public static SandboxFixture start(Vertx vertx, SandboxConfig config) {
    return new SandboxFixture(vertx, config, false);
  }

  /** The verticle as production builds it, on the system clock ({@link #clock} then moves nothing). */
  public static SandboxFixture startOnWallClock(Vertx vertx, SandboxConfig config) {
    return new SandboxFixture(vertx, config, true);
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no result within 20 s", e);
    }
  }

  public HttpResponse<Buffer> get(String pathAndQuery) {
    return await(web.get(pathAndQuery).send());
  }

  public HttpResponse<Buffer> post(String pathAndQuery, String body) {
    return await(web.post(pathAndQuery).sendBuffer(Buffer.buffer(body)));
  }

  public HttpResponse<Buffer> delete(String path) {
    return await(web.delete(path).send());
  }

  public JsonObject getJson(String pathAndQuery) {
    return get(pathAndQuery).bodyAsJsonObject();
  }

  public JsonObject postJson(String path, JsonObject body) {
    return post(path, body.encode()).bodyAsJsonObject();
  }

  public JsonObject classicToken() {
    return getJson("/cgi-bin/token?grant_type=client_credential&appid=" + config.appId() + "&secret="
        + config.appSecret());
  }

  public JsonObject stableToken(boolean force) {
    return postJson("/cgi-bin/stable_token", new JsonObject().put("grant_type", "client_credential")
        .put("appid", config.appId()).put("secret", config.appSecret()).put("force_refresh", force));
  }

  /** A fresh classic token's value. */
  public String token() {
    String token = classicToken().getString("access_token");
    assertNotNull(token, "the sandbox issued no token");
    return token;
  }

  public JsonObject createQr(String accessToken, JsonObject body) {
    return postJson("/cgi-bin/qrcode/create?access_token=" + encode(accessToken), body);
  }

  public static JsonObject strSceneQr(String scene, int expireSeconds) {
    return new JsonObject().put("expire_seconds", expireSeconds).put("action_name", "QR_STR_SCENE")
        .put("action_info", new JsonObject().put("scene", new JsonObject().put("scene_str", scene)));
  }

  /** The errcode a qrcode/create with this token answers: 0 when the token works. */
  public int tokenErrcode(String accessToken) {
    return createQr(accessToken, strSceneQr("probe", 60)).getInteger("errcode", 0);
  }

  public JsonObject stats() {
    return getJson("/sandbox/stats");
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
