package io.wxlogin.token;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.wxlogin.config.Env;
import io.wxlogin.server.Launcher;

/** {@code java -jar token-server.jar}: configured by environment variables only (docs/token-server.md). */
public final class TokenServerMain {

  private TokenServerMain() {
  }

  public static void main(String[] args) {
    Launcher.configureLogging();
    TokenServerConfig config = Launcher.configOrExit("token-server", () -> TokenServerConfig.from(Env.system()));
    PrometheusMeterRegistry registry = Launcher.registry();
    Vertx vertx = Launcher.vertx(registry);
    Launcher.deployOrExit("token-server", vertx, () -> new TokenServerVerticle(config, registry));
  }
}
