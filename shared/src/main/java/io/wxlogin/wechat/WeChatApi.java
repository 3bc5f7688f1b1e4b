package io.wxlogin.wechat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;

/**
 * The three WeChat server APIs this system calls (docs/wechat-protocol.md §4, §5), each with a hard deadline.
 * Errors come back as a failed future holding a {@link WeChatException}. Neither the secret nor the
 * access_token ever appears in an exception message: both travel in the URL or body only.
 */
public final class WeChatApi {

  private final WebClient client;
  private final String base;
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
    this.client = WebClient.create(vertx,
        new WebClientOptions().setConnectTimeout((int) Math.min(timeoutMs, 3_000)).setUserAgent("wxlogin/1")
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(32));
    this.base = apiBase.replaceAll("/+$", "");
    this.timeoutMs = timeoutMs;
  }

  /** Tells {@code observer} about every call from now on (its API, errcode and duration: the metrics). */
  public WeChatApi observe(ApiObserver observer) {
    this.observer = observer;
    return this;
  }

  /** Classic {@code GET /cgi-bin/token}: each call invalidates the previous token after 5 minutes. */
  public Future<AccessToken> classicToken(String appId, String secret) {
    return call(client.getAbs(base + "/cgi-bin/token")
        .addQueryParam("grant_type", "client_credential")
        .addQueryParam("appid", appId)
        .addQueryParam("secret", secret), "token", null)
        .map(WeChatApi::accessToken);
  }

  /** {@code POST /cgi-bin/stable_token}: the same token until its last 5 minutes, unless forced. */
  public Future<AccessToken> stableToken(String appId, String secret, boolean forceRefresh) {
    JsonObject body = new JsonObject().put("grant_type", "client_credential").put("appid", appId)
        .put("secret", secret).put("force_refresh", forceRefresh);
    return call(client.postAbs(base + "/cgi-bin/stable_token"), "stable_token", body).map(WeChatApi::accessToken);
  }

  /** {@code POST /cgi-bin/qrcode/create} with {@code QR_STR_SCENE}. */
  public Future<QrTicket> createTemporaryQr(String accessToken, String sceneStr, int expireSeconds) {
    JsonObject body = new JsonObject().put("expire_seconds", expireSeconds).put("action_name", "QR_STR_SCENE")
        .put("action_info", new JsonObject().put("scene", new JsonObject().put("scene_str", sceneStr)));
    return call(client.postAbs(base + "/cgi-bin/qrcode/create").addQueryParam("access_token", accessToken),
            "qrcode/create", body)
        .map(json -> {
          String ticket = json.getString("ticket");
          String url = json.getString("url");
          if (ticket == null || url == null) {
            throw WeChatException.unreachable("qrcode/create answered without ticket or url", null);
          }
          return new QrTicket(ticket, json.getInteger("expire_seconds", expireSeconds), url);
        });
  }

  private Future<JsonObject> call(HttpRequest<Buffer> request, String api, JsonObject body) {
    request.timeout(timeoutMs);
    long started = System.nanoTime();
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(t -> Future.failedFuture(
            WeChatException.unreachable("no answer from WeChat: " + t.getClass().getSimpleName(), t)))
        .map(WeChatApi::json)
        .onComplete(ar -> observer.called(api, ar.succeeded() ? "0" : ApiObserver.outcome(ar.cause()),
            System.nanoTime() - started));
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw WeChatException.unreachable("WeChat answered HTTP " + response.statusCode(), null);
    }
    JsonObject json;
    try {
      json = response.bodyAsJsonObject();
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

  public void close() {
    client.close();
  }
}
