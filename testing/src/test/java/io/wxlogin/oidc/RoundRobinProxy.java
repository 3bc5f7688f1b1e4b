package io.wxlogin.oidc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of the login nodes: every request goes to the next node in turn, so each step of a
 * flow (discovery, authorize, token, userinfo) lands on a different node than the one before it. The OIDC issuer
 * is this proxy's URL, as it is the load balancer's in production.
 */
final class RoundRobinProxy implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "transfer-encoding", "content-length",
      "keep-alive", "upgrade");

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient();
  private final AtomicInteger next = new AtomicInteger();
  private volatile AtomicInteger[] served = new AtomicInteger[0];
  private volatile List<Integer> nodePorts = List.of();
  private final HttpServer server;

  /** Listens on a free port first, so the issuer URL is known before the nodes are configured with it. */
  RoundRobinProxy() {
    try {
      server = vertx.createHttpServer().requestHandler(this::forward).listen(0, "127.0.0.1")
          .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("proxy did not start", e);
    }
  }

  int port() {
    return server.actualPort();
  }

  void forwardTo(List<Integer> ports) {
    AtomicInteger[] counts = new AtomicInteger[ports.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new AtomicInteger();
    }
    served = counts;
    nodePorts = List.copyOf(ports);
  }

  /** How many requests node {@code i} answered. */
  int served(int i) {
    return served[i].get();
  }

  private void forward(HttpServerRequest req) {
    if (nodePorts.isEmpty()) {
      req.response().setStatusCode(503).end();
      return;
    }
    int i = Math.floorMod(next.getAndIncrement(), nodePorts.size());
    served[i].incrementAndGet();
    req.body()
        .compose(body -> client.request(new RequestOptions().setMethod(req.method()).setHost("127.0.0.1")
                .setPort(nodePorts.get(i)).setURI(req.uri()))
            .compose(out -> {
              copy(req.headers(), out.headers());
              return out.send(body);
            }))
        .compose(resp -> resp.body().map(b -> {
          req.response().setStatusCode(resp.statusCode());
          copy(resp.headers(), req.response().headers());
          req.response().end(b);
          return null;
        }))
        .onFailure(t -> {
          if (!req.response().ended()) {
            req.response().setStatusCode(502).end();
          }
        });
  }

  private static void copy(MultiMap from, MultiMap to) {
    from.forEach(e -> {
      if (!HOP_BY_HOP.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
        to.add(e.getKey(), e.getValue());
      }
    });
  }

  @Override
  public void close() {
    Future<Void> closing = server.close();
    try {
      closing.eventually(vertx::close).await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
  }
}
