package io.wxlogin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that sends random method names must not grow {@code /metrics}. */
class MetricLabelsTest {

  @Test
  void aThousandRandomMethodNamesAddNoSeries() throws Exception {
    PrometheusMeterRegistry registry = Launcher.registry();
    Vertx vertx = Launcher.vertx(registry, true);
    try {
      HttpServer server = vertx.createHttpServer()
          .requestHandler(req -> req.response().setStatusCode(req.method() == HttpMethod.GET ? 200 : 405).end())
          .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      HttpClient client = vertx.createHttpClient();
      int port = server.actualPort();
      send(client, port, HttpMethod.GET);
      send(client, port, HttpMethod.valueOf("WARMUP"));
      Set<String> before = series(registry);
      long sizeBefore = registry.scrape().length();
      for (int i = 0; i < 1000; i++) {
        send(client, port, HttpMethod.valueOf("X" + UUID.randomUUID().toString().replace("-", "").toUpperCase()));
      }
      Set<String> after = series(registry);
      Set<String> added = new TreeSet<>(after);
      added.removeAll(before);
      assertEquals(Set.of(), added.stream().limit(3).collect(java.util.stream.Collectors.toSet()),
          added.size() + " series added by random methods, e.g.");
      assertTrue(registry.scrape().length() < sizeBefore + 1024, "the scrape grew");
      assertTrue(registry.scrape().contains("method=\"OTHER\""), "the odd methods are counted as OTHER");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void send(HttpClient client, int port, HttpMethod method) throws Exception {
    client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI("/x"))
        .compose(r -> r.send().compose(HttpClientResponse::body))
        .await(10, TimeUnit.SECONDS);
  }

  /** Each series of the scrape, without its value. */
  private static Set<String> series(PrometheusMeterRegistry registry) {
    Set<String> out = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith("vertx_http") && line.contains("{")) {
        out.add(line.substring(0, line.lastIndexOf('}') + 1));
      }
    }
    return out;
  }
}
