package io.wxlogin.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The default name of a server instance (NODE_ID, TOKEN_SERVER_ID): the host name plus a random suffix, so two
 * instances on one host, or a restarted one, never share a name (a lease holder, a pub/sub channel).
 */
public final class InstanceId {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_HOST_CHARS = 50;

  private InstanceId() {
  }

  /** {@code <host>-<6 hex digits>}, the host reduced to letters, digits, '_', '.' and '-'; else {@code fallback}. */
  public static String random(String fallback) {
    String host = hostName().replaceAll("[^A-Za-z0-9_.-]", "");
    String base = host.isEmpty() ? fallback : host.substring(0, Math.min(host.length(), MAX_HOST_CHARS));
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    return base + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "";
    }
  }
}
