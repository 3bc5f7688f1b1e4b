package io.wxlogin.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Blocking HTTP for test threads, as a browser or an operator's curl would send it. The request deadline
 * is longer than the longest long-poll (30 s), so a held poll answers before the client gives up.
 */
public final class Http {

  private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(40);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer; header names are case-insensitive. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {

    public Reply {
      Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      h.putAll(headers);
      headers = h;
    }

    public JsonObject json() {
      return new JsonObject(body);
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** {@code headers} are name, value pairs. */
  public Reply get(String url, String... headers) {
    return send("GET", url, null, headers);
  }

  public Reply post(String url, JsonObject body, String... headers) {
    return send("POST", url, body == null ? null : body.encode(), headers);
  }

  public Reply delete(String url, String... headers) {
    return send("DELETE", url, null, headers);
  }

  /** {@code body} null sends none; a body without a Content-Type header is sent as JSON. */
  public Reply send(String method, String url, String body, String... headers) {
    try {
      return reply(client.send(request(method, url, body, headers), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The same, answered on a client thread: for requests that are held (long-polls) while the test acts. */
  public CompletableFuture<Reply> sendAsync(String method, String url, String body, String... headers) {
    return client.sendAsync(request(method, url, body, headers), HttpResponse.BodyHandlers.ofString())
        .thenApply(Http::reply);
  }

  private static HttpRequest request(String method, String url, String body, String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers are name, value pairs");
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_DEADLINE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (body != null && !typed) {
      b.header("Content-Type", "application/json");
    }
    return b.build();
  }

  private static Reply reply(HttpResponse<String> r) {
    return new Reply(r.statusCode(), r.headers().map(), Optional.ofNullable(r.body()).orElse(""));
  }
}
