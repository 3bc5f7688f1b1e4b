package io.wxlogin.login.guard;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps any one client from holding the node's connections (docs/security.md, "Connections"). It caps open
 * connections per peer address and per node below the process's file limit; closes a connection whose request
 * head or body does not arrive within a deadline (a one-byte-a-second client) and a keep-alive connection idle
 * for longer than a few seconds. A request being answered (a parked long-poll) is never cut: the poll handler
 * bounds that. Trusted proxies carry many clients, so they count only against the node's cap. Runs on the
 * verticle's event loop: install {@link #onConnection} as the server's connection handler and call
 * {@link #onRequest} before routing each request. HTTP/1.x only (the public port serves no h2c).
 */
public final class ConnectionGuard {

  /** Every deadline is whole seconds, so one look a second is enough; each look visits every connection. */
  private static final long SWEEP_MS = 1_000;

  private final Vertx vertx;
  private final ClientAddress proxies;
  private final Limits limits;
  private final Refusals refusals;
  private final Map<HttpConnection, Tracked> open = new IdentityHashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private long sweeper = -1;

  public ConnectionGuard(Vertx vertx, ClientAddress proxies, Limits limits, Refusals refusals) {
    this.vertx = vertx;
    this.proxies = proxies;
    this.limits = limits;
    this.refusals = refusals;
  }

  /**
   * Server options the guard needs: no h2c, because a server that may upgrade waits for the first bytes before
   * it announces a connection, so a client that sends none would never be seen (or closed).
   */
  public static HttpServerOptions serverOptions() {
    return new HttpServerOptions().setHttp2ClearTextEnabled(false);
  }

  public void start() {
    sweeper = vertx.setPeriodic(SWEEP_MS, id -> sweep());
  }

  public void stop() {
    vertx.cancelTimer(sweeper);
  }

  public void onConnection(HttpConnection conn) {
    SocketAddress peer = conn.remoteAddress();
    java.net.InetAddress ip = peer == null ? null : IpAddress.parse(peer.hostAddress());
    String address = ip == null ? ClientAddress.UNKNOWN : IpAddress.canonical(ip);
    boolean proxy = proxies.isTrustedProxy(address);
    if (open.size() >= limits.perNode()) {
      refusals.count("connections_per_node", "connection refused: this node holds " + open.size()
          + " open connections (CONNECTIONS_MAX=" + limits.perNode() + "); new ones are closed at once");
      conn.close();
      return;
    }
    int mine = perAddress.getOrDefault(address, 0);
    if (!proxy && mine >= limits.perAddress()) {
      refusals.count("connections_per_address", "connection refused: " + ClientAddress.masked(address) + " holds "
          + mine + " open connections (CONNECTIONS_PER_ADDRESS_MAX=" + limits.perAddress() + ")");
      conn.close();
      return;
    }
    Tracked t = new Tracked(conn, address, now());
    open.put(conn, t);
    perAddress.merge(address, 1, Integer::sum);
    conn.closeHandler(v -> forget(conn));
  }

  public void onRequest(HttpServerRequest request) {
    Tracked t = open.get(request.connection());
    if (t != null) {
      t.current = request;
      t.startedAt = now();
      t.idleSince = -1;
      t.bodyRead = false;
    }
  }

  private void forget(HttpConnection conn) {
    Tracked t = open.remove(conn);
    if (t != null) {
      perAddress.computeIfPresent(t.address, (a, n) -> n <= 1 ? null : n - 1);
    }
  }

  private void sweep() {
    long now = now();
    List<Tracked> late = new ArrayList<>();
    for (Tracked t : open.values()) {
      String reason = overdue(t, now);
      if (reason != null) {
        t.reason = reason;
        late.add(t);
      }
    }
    for (Tracked t : late) {
      if (t.reason.equals("keepalive_idle")) {
        refusals.count(t.reason);
      } else {
        refusals.count(t.reason, "connection closed: " + describe(t.reason) + " (from "
            + ClientAddress.masked(t.address) + ")");
      }
      forget(t.conn);
      t.conn.close();
    }
  }

  /** Why the connection must go now, or null. */
  private String overdue(Tracked t, long now) {
    HttpServerRequest r = t.current;
    if (r == null) {
      return now - t.openedAt > limits.headerMs() ? "header_deadline" : null;
    }
    if (!t.bodyRead) {
      // once read, a request's body stays read: a parked poll is then one look at its response a sweep
      t.bodyRead = r.isEnded();
      if (!t.bodyRead && !r.response().ended()) {
        return now - t.startedAt > limits.bodyMs() ? "body_deadline" : null;
      }
    }
    if (!r.response().ended()) {
      return null;
    }
    if (t.idleSince < 0) {
      t.idleSince = now;
      return null;
    }
    return now - t.idleSince > limits.keepAliveIdleMs() ? "keepalive_idle" : null;
  }

  private String describe(String reason) {
    return switch (reason) {
      case "header_deadline" -> "no complete request head within " + limits.headerMs() + " ms";
      case "body_deadline" -> "the request body did not arrive within " + limits.bodyMs() + " ms";
      default -> "idle for more than " + limits.keepAliveIdleMs() + " ms";
    };
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }

  public int openConnections() {
    return open.size();
  }

  /**
   * {@code perAddress}/{@code perNode}: open connections; {@code headerMs}: from connect to a complete request
   * head; {@code bodyMs}: from the head to the end of the body; {@code keepAliveIdleMs}: between requests.
   */
  public record Limits(int perAddress, int perNode, long headerMs, long bodyMs, long keepAliveIdleMs) {

    /**
     * The default node cap: what the process's file limit leaves after 512 descriptors for Redis, WeChat, jars
     * and logs, and never more than 60,000.
     */
    public static int defaultPerNode() {
      long fds = maxFileDescriptors();
      return (int) Math.max(256, Math.min(60_000, fds - 512));
    }

    static long maxFileDescriptors() {
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
        return unix.getMaxFileDescriptorCount();
      }
      return 4096;
    }
  }

  private static final class Tracked {
    final HttpConnection conn;
    final String address;
    final long openedAt;
    HttpServerRequest current;
    long startedAt;
    long idleSince = -1;
    boolean bodyRead;
    String reason;

    Tracked(HttpConnection conn, String address, long openedAt) {
      this.conn = conn;
      this.address = address;
      this.openedAt = openedAt;
    }
  }
}
