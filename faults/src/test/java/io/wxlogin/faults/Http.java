package io.wxlogin.faults;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A browser's (or WeChat's) HTTP, every request with a deadline. */
final class Http {

  /** What came back; status -1 when the connection failed or died with no answer. */
  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  Reply get(String url, int timeoutSeconds) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), timeoutSeconds);
  }

  Reply post(String url, String body, int timeoutSeconds) {
    return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)),
        timeoutSeconds);
  }

  Reply send(HttpRequest.Builder request, int timeoutSeconds) {
    try {
      return join(sendAsync(request, timeoutSeconds));
    } catch (RuntimeException e) {
      return new Reply(-1, String.valueOf(e));
    }
  }

  CompletableFuture<Reply> sendAsync(HttpRequest.Builder request, int timeoutSeconds) {
    return client.sendAsync(request.timeout(Duration.ofSeconds(timeoutSeconds)).build(),
            HttpResponse.BodyHandlers.ofString())
        .handle((r, e) -> e == null ? new Reply(r.statusCode(), r.body()) : new Reply(-1, String.valueOf(e)));
  }

  static Reply join(CompletableFuture<Reply> f) {
    try {
      return f.get(120, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      return new Reply(-1, String.valueOf(e));
    }
  }

  static boolean reachable(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
          .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
