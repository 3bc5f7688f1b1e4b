package io.wxlogin.server;

import io.wxlogin.config.Env;
import java.util.regex.Pattern;

/**
 * Where a server answers its operators ({@code /ready}, {@code /metrics} and, on the token-server, its token
 * API): {@code MANAGEMENT_PORT} on {@code MANAGEMENT_HOST}, loopback unless configured, so nothing an operator
 * reads is on the public port. Port 0 takes a free port (tests).
 */
public record ManagementConfig(String host, int port) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");

  public static ManagementConfig from(Env env, int defaultPort) {
    int port = env.integer("MANAGEMENT_PORT", defaultPort, 0, 65535);
    String host = env.matching("MANAGEMENT_HOST", "127.0.0.1", HOST,
        "an address to bind, e.g. 127.0.0.1 (loopback), 0.0.0.0 (every interface) or a host's own address");
    return new ManagementConfig(host, port);
  }

  /** Loopback, any free port: what tests that build a configuration by hand get. */
  public static ManagementConfig ephemeralLoopback() {
    return new ManagementConfig("127.0.0.1", 0);
  }
}
