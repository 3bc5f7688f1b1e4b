package io.wxlogin.e2e;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many browsers at once, each client address its own loopback address (127.0.0.0/8 is all local on Linux),
 * so that nginx's per-address connection limit sees what it would see on the internet. Every request is
 * its own connection held until answered. Non-blocking (Vert.x), so thousands cost no threads.
 */
final class Browsers implements AutoCloseable {

  /** One answer as the browser saw it: a status and body, or the connection's failure (reset, refused…). */
  record Answer(int status, String body, String retryAfter, Throwable failure) {

    boolean ok() {
      return failure == null;
    }

    @Override
    public String toString() {
      return failure != null ? "failed: " + failure : status + " " + body;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final List<HttpClientAgent> clients = new ArrayList<>();

  /** {@code perAddress} connections at most from each of {@code addresses} addresses 127.0.{group}.1… */
  Browsers(int group, int addresses, int perAddress) {
    for (int i = 1; i <= addresses; i++) {
      clients.add(vertx.createHttpClient(
          new HttpClientOptions().setLocalAddress("127.0." + group + "." + i).setKeepAlive(false)
              .setConnectTimeout(30_000),
          new PoolOptions().setHttp1MaxSize(perAddress)));
    }
  }

  int addresses() {
    return clients.size();
  }

  /** GET {@code path} on 127.0.0.1:{@code port} from the {@code n}-th address (modulo their count). */
  CompletableFuture<Answer> get(int n, int port, String path) {
    return send(HttpMethod.GET, n, port, path);
  }

  CompletableFuture<Answer> send(HttpMethod method, int n, int port, String path) {
    HttpClientAgent client = clients.get(n % clients.size());
    RequestOptions request = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
        .setURI(path).setIdleTimeout(120_000);
    Future<Answer> answer = client.request(request)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> new Answer(resp.statusCode(), body.toString(),
            resp.getHeader("Retry-After"), null)));
    return answer.recover(e -> Future.succeededFuture(new Answer(0, null, null, e)))
        .toCompletionStage().toCompletableFuture();
  }

  /** Waits for every answer (each bounded by the 120 s idle timeout above). */
  static List<Answer> all(List<CompletableFuture<Answer>> pending) throws Exception {
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(150, TimeUnit.SECONDS);
    return pending.stream().map(CompletableFuture::join).toList();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
