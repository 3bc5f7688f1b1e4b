package io.wxlogin.testing;

import io.vertx.core.Vertx;
import java.util.Map;

/** One server of a {@link WxCluster}: its environment, its own Vert.x, and where it answers. */
public abstract class WxServer {

  protected final Map<String, String> env;
  protected Vertx vertx;

  WxServer(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The public port. */
  public abstract int port();

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Where {@code /ready} and {@code /metrics} are served; the public port until a management port exists. */
  public String managementUrl() {
    return url();
  }

  /** The environment it was started with, as {@code java -jar} would get it. */
  public Map<String, String> env() {
    return env;
  }

  public boolean running() {
    return vertx != null;
  }

  /** Stops it as SIGTERM would: its verticles' stop runs, then its Vert.x closes. */
  public void stop() {
    if (vertx != null) {
      Blocking.closeQuietly(vertx);
      vertx = null;
    }
  }
}
