package io.wxlogin.wechat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.wxlogin.server.Deadlines;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * The three WeChat server APIs this system calls (docs/wechat.md §4, §5), each with a hard deadline.
 * Errors come back as a failed future holding a {@link WeChatException}. Neither the secret nor the
 * access_token ever appears in an exception message: both travel in the URL or body only.
 *
 * <p>{@code qrcode/create} is called once per login, so the client is Vert.x's plain HTTP client with
 * kept-alive pooled connections, the base URL parsed once, fixed headers, a body written from a template
 * and one deadline ({@link Deadlines}) instead of the web client's per-request URL parsing, codecs and two
 * timers (docs/benchmarks.md). A call past its deadline resets its request, so the connection is not left
 * waiting for a late answer.
 */
public final class WeChatApi {

  private static final int POOL_SIZE = 32;
  private static final int KEEP_ALIVE_SECONDS = 60;
  private static final MultiMap HEADERS = MultiMap.caseInsensitiveMultiMap().set("User-Agent", "wxlogin/1");
  private static final MultiMap JSON_HEADERS = MultiMap.caseInsensitiveMultiMap().set("User-Agent", "wxlogin/1")
      .set("Content-Type", "application/json");

  private final HttpClient client;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String pathPrefix;
  private final long timeoutMs;
  private volatile ApiObserver observer = ApiObserver.NONE;

  /** A successful token answer. */
  public record AccessToken(String value, int expiresIn) {
    @Override
    public String toString() {
      return "AccessToken[expiresIn=" + expiresIn + "]";
    }
  }

  /** A temporary QR code: the ticket for showqrcode and the url the QR encodes. */
  public record QrTicket(String ticket, int expireSeconds, String url) {
  }

  public WeChatApi(Vertx vertx, String apiBase, long timeoutMs) {
    URI base = URI.create(apiBase.replaceAll("/+$", ""));
    this.ssl = "https".equalsIgnoreCase(base.getScheme());
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    this.pathPrefix = base.getRawPath() == null ? "" : base.getRawPath();
    this.timeoutMs = timeoutMs;
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout((int) Math.min(timeoutMs, 3_000)).setKeepAlive(true)
            .setKeepAliveTimeout(KEEP_ALIVE_SECONDS).setTcpNoDelay(true).setSsl(ssl),
        new PoolOptions().setHttp1MaxSize(POOL_SIZE));
  }

  /** Tells {@code observer} about every call from now on (its API, errcode and duration: the metrics). */
  public WeChatApi observe(ApiObserver observer) {
    this.observer = observer;
    return this;
  }

  /** Classic {@code GET /cgi-bin/token}: each call invalidates the previous token after 5 minutes. */
  public Future<AccessToken> classicToken(String appId, String secret) {
    return call(HttpMethod.GET, "/cgi-bin/token?grant_type=client_credential&appid=" + enc(appId) + "&secret="
        + enc(secret), "token", null).map(WeChatApi::accessToken);
  }

  /** {@code POST /cgi-bin/stable_token}: the same token until its last 5 minutes, unless forced. */
  public Future<AccessToken> stableToken(String appId, String secret, boolean forceRefresh) {
    JsonObject body = new JsonObject().put("grant_type", "client_credential").put("appid", appId)
        .put("secret", secret).put("force_refresh", forceRefresh);
    return call(HttpMethod.POST, "/cgi-bin/stable_token", "stable_token", body.toBuffer())
        .map(WeChatApi::accessToken);
  }

  /** {@code POST /cgi-bin/qrcode/create} with {@code QR_STR_SCENE}. */
  public Future<QrTicket> createTemporaryQr(String accessToken, String sceneStr, int expireSeconds) {
    Buffer body = Buffer.buffer("{\"expire_seconds\":" + expireSeconds
        + ",\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":" + jsonString(sceneStr) + "}}}");
    return call(HttpMethod.POST, "/cgi-bin/qrcode/create?access_token=" + enc(accessToken), "qrcode/create", body)
        .map(json -> {
          String ticket = json.getString("ticket");
          String url = json.getString("url");
          if (ticket == null || url == null) {
            throw WeChatException.unreachable("qrcode/create answered without ticket or url", null);
          }
          return new QrTicket(ticket, json.getInteger("expire_seconds", expireSeconds), url);
        });
  }

  private Future<JsonObject> call(HttpMethod method, String pathAndQuery, String api, Buffer body) {
    long started = System.nanoTime();
    RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setSsl(ssl)
        .setURI(pathPrefix + pathAndQuery).setHeaders(body == null ? HEADERS : JSON_HEADERS);
    HttpClientRequest[] request = new HttpClientRequest[1];
    boolean[] late = new boolean[1];
    Future<Answer> answered = client.request(options).compose(req -> {
      if (late[0]) {
        req.reset();
        return Future.failedFuture(new TimeoutException("deadline passed before a connection was free"));
      }
      request[0] = req;
      return (body == null ? req.send() : req.send(body))
          .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b)));
    });
    return Deadlines.within(answered, timeoutMs)
        .onFailure(t -> {
          if (t instanceof TimeoutException) {
            late[0] = true;
            if (request[0] != null) {
              request[0].reset();
            }
          }
        })
        .recover(t -> Future.failedFuture(
            WeChatException.unreachable("no answer from WeChat: " + t.getClass().getSimpleName(), t)))
        .map(WeChatApi::json)
        .onComplete(ar -> observer.called(api, ar.succeeded() ? "0" : ApiObserver.outcome(ar.cause()),
            System.nanoTime() - started));
  }

  private record Answer(int status, Buffer body) {
  }

  private static JsonObject json(Answer response) {
    if (response.status() != 200) {
      throw WeChatException.unreachable("WeChat answered HTTP " + response.status(), null);
    }
    JsonObject json;
    try {
      json = response.body().length() == 0 ? null : new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      throw WeChatException.unreachable("WeChat's answer is not JSON", e);
    }
    if (json == null) {
      throw WeChatException.unreachable("WeChat answered with an empty body", null);
    }
    int errcode = json.getInteger("errcode", 0);
    if (errcode != 0) {
      throw new WeChatException(errcode, json.getString("errmsg", ""));
    }
    return json;
  }

  private static AccessToken accessToken(JsonObject json) {
    String token = json.getString("access_token");
    Integer expiresIn = json.getInteger("expires_in");
    if (token == null || token.isEmpty() || expiresIn == null || expiresIn <= 0) {
      throw WeChatException.unreachable("token answer without access_token or expires_in", null);
    }
    return new AccessToken(token, expiresIn);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A JSON string literal: quotes, backslashes and control characters escaped. */
  static String jsonString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  public void close() {
    client.close();
  }
}
