package io.wxlogin.testing;

import io.vertx.core.Vertx;
import io.wxlogin.config.Env;
import io.wxlogin.token.TokenServerConfig;
import io.wxlogin.token.TokenServerVerticle;
import java.util.Map;

/** The token-server of a {@link WxCluster}, configured by the production parser from its environment map. */
public final class WxTokenServer {

  private final Map<String, String> env;
  private Vertx vertx;
  private TokenServerVerticle verticle;

  WxTokenServer(Map<String, String> env) {
    this.env = Map.copyOf(env);
    start();
  }

  private void start() {
    vertx = Vertx.vertx();
    verticle = new TokenServerVerticle(TokenServerConfig.from(new Env(env)));
    try {
      Blocking.await(vertx.deployVerticle(verticle));
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Where {@code /api/tokens}, {@code /ready} and {@code /metrics} are served; the public port for now. */
  public String managementUrl() {
    return url();
  }

  public int port() {
    return verticle.actualPort();
  }

  public Map<String, String> env() {
    return env;
  }

  /** Stops it as SIGTERM would (the lease is handed back). */
  public void stop() {
    if (vertx != null) {
      Blocking.closeQuietly(vertx);
      vertx = null;
    }
  }
}
