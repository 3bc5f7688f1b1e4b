package io.wxlogin.login.config;

import io.wxlogin.config.Env;
import io.wxlogin.config.InstanceId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * This node's identity and HTTP side: {@code NODE_ID}, {@code HTTP_PORT}, {@code CORS_ALLOWED_ORIGINS}.
 *
 * @param nodeId the name of this node's pub/sub channel; unset, the host name plus a random suffix
 */
public record NodeSettings(String nodeId, int httpPort, List<String> corsAllowedOrigins) {

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s]+");

  public static NodeSettings from(Env env) {
    String nodeId = env.matching("NODE_ID", null, NODE_ID, "1-64 letters, digits, '_', '.' or '-'");
    int port = env.integer("HTTP_PORT", 8080, 0, 65535);
    List<String> origins = Arrays.stream(env.string("CORS_ALLOWED_ORIGINS", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String origin : origins) {
      if (!ORIGIN.matcher(origin).matches()) {
        env.problem("CORS_ALLOWED_ORIGINS has '" + Env.shown(origin)
            + "': each origin is scheme://host[:port] with no path");
      }
    }
    return new NodeSettings(nodeId == null ? InstanceId.random("node") : nodeId, port, origins);
  }

  public NodeSettings withHttpPort(int port) {
    return new NodeSettings(nodeId, port, corsAllowedOrigins);
  }
}
