package io.wxlogin.login;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.wxlogin.config.Env;
import io.wxlogin.login.ops.OpsMain;
import io.wxlogin.server.Launcher;

/** {@code java -jar login-node.jar}: configured by environment variables only (see the README). */
public final class LoginNodeMain {

  private LoginNodeMain() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("ops")) {
      OpsMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Launcher.configureLogging();
    LoginNodeConfig config = Launcher.configOrExit("login-node", () -> LoginNodeConfig.from(Env.system()));
    PrometheusMeterRegistry registry = Launcher.registry();
    Vertx vertx = Launcher.vertx(registry);
    Launcher.deployOrExit("login-node", vertx, () -> new LoginNodeVerticle(config, registry));
  }
}
