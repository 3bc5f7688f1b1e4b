package io.wxlogin.token;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.wxlogin.config.Env;
import io.wxlogin.server.Launcher;
import io.wxlogin.token.keys.KeysConfig;

/** {@code java -jar token-server.jar}: configured by environment variables only (docs/token-server.md). */
public final class TokenServerMain {

  private TokenServerMain() {
  }

  public static void main(String[] args) {
    Launcher.configureLogging();
    Env env = Env.system();
    TokenServerConfig config = Launcher.configOrExit("token-server", () -> TokenServerConfig.from(env));
    KeysConfig keys = Launcher.configOrExit("token-server", () -> KeysConfig.from(env));
    PrometheusMeterRegistry registry = Launcher.registry();
    Vertx vertx = Launcher.vertx(registry);
    Launcher.deployOrExit("token-server", vertx, () -> new TokenServerVerticle(config, registry).withSigningKeys(keys));
  }
}
