package io.wxlogin.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxVerticle;

/** The wechat-sandbox of a {@link WxCluster}, on its own Vert.x and a free port. */
public final class WxSandbox {

  private final SandboxConfig config;
  private final Http http;
  private final Vertx vertx;
  private final int port;

  WxSandbox(SandboxConfig config, Http http) {
    this.config = config;
    this.http = http;
    SandboxVerticle verticle = new SandboxVerticle(config);
    vertx = Blocking.deploy(verticle);
    port = verticle.actualPort();
  }

  /** {@code http://127.0.0.1:<port>}: WeChat's API base and the phone's control API. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The identity it plays (appid, Token, AES key, original id) as parsed from its environment. */
  public SandboxConfig config() {
    return config;
  }

  /** POSTs {@code body} as JSON to one of its paths, e.g. {@code /sandbox/expire-tokens}. */
  public Http.Reply post(String path, JsonObject body) {
    return http.post(url() + path, body);
  }

  void close() {
    Blocking.closeQuietly(vertx);
  }
}
