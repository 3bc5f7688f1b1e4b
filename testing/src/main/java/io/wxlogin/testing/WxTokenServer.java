package io.wxlogin.testing;

import io.wxlogin.config.Env;
import io.wxlogin.token.TokenServerConfig;
import io.wxlogin.token.TokenServerVerticle;
import java.util.Map;

/** The token-server of a {@link WxCluster}, configured by the production parser from its environment map. */
public final class WxTokenServer extends WxServer {

  private TokenServerVerticle verticle;

  WxTokenServer(Map<String, String> env) {
    super(env);
    start();
  }

  private void start() {
    verticle = new TokenServerVerticle(TokenServerConfig.from(new Env(env)));
    vertx = Blocking.deploy(verticle);
  }

  /** Stops it and starts it again with the same environment (a restart or a redeploy). */
  public void restart() {
    stop();
    start();
  }

  /** Where {@code /api/tokens}, {@code /ready} and {@code /metrics} are served: the loopback management port. */
  @Override
  public String managementUrl() {
    return "http://127.0.0.1:" + verticle.managementPort();
  }

  /** The HTTP port it bound (it is started on port 0). */
  @Override
  public int port() {
    return verticle.actualPort();
  }
}
