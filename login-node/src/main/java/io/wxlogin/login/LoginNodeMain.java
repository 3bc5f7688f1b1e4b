package io.wxlogin.login;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.wxlogin.config.Env;
import io.wxlogin.server.Launcher;

/** {@code java -jar login-node.jar}: configured by environment variables only (see the README). */
public final class LoginNodeMain {

  private LoginNodeMain() {
  }

  public static void main(String[] args) {
    Launcher.configureLogging();
    LoginNodeConfig config = Launcher.configOrExit("login-node", () -> LoginNodeConfig.from(Env.system()));
    PrometheusMeterRegistry registry = Launcher.registry();
    Vertx vertx = Launcher.vertx(registry);
    Launcher.deployOrExit("login-node", vertx, () -> new LoginNodeVerticle(config, registry));
  }
}
