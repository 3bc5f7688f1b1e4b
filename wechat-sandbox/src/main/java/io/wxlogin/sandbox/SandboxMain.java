package io.wxlogin.sandbox;

import io.vertx.core.Vertx;
import io.wxlogin.config.Env;
import io.wxlogin.server.Launcher;

/** {@code java -jar wechat-sandbox.jar}: configured by environment only, and runnable with none at all. */
public final class SandboxMain {

  private SandboxMain() {
  }

  public static void main(String[] args) {
    Launcher.configureLogging();
    System.setProperty("java.awt.headless", "true");
    SandboxConfig config = Launcher.configOrExit("wechat-sandbox", () -> SandboxConfig.from(Env.system()));
    Vertx vertx = Launcher.vertx(Launcher.registry());
    Launcher.deployOrExit("wechat-sandbox", vertx, () -> new SandboxVerticle(config));
  }
}
