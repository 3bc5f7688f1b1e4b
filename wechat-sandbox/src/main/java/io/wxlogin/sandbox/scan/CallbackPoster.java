package io.wxlogin.sandbox.scan;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.wxlogin.sandbox.control.Stats;
import java.nio.charset.StandardCharsets;

/**
 * Delivers a push the way WeChat does (docs/wechat.md §3.4): a POST that gets no answer within the
 * timeout is abandoned (the connection reset, as WeChat "drops the connection") and the identical request
 * is sent again, up to {@code retries} more times. A connection that cannot be made counts as no answer.
 * Any HTTP answer, even a 500, ends the delivery: whether WeChat retries those is not documented (§7.2).
 */
final class CallbackPoster {

  /** What became of a push: the last answer, or none (status null) after every attempt. */
  record Delivery(Integer status, String body, int attempts, String failure) {
  }

  private record Answer(int status, String body) {
  }

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final long timeoutMs;
  private final int retries;
  private final Stats stats;

  CallbackPoster(Vertx vertx, long timeoutMs, int retries, Stats stats) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(64));
    this.timeoutMs = timeoutMs;
    this.retries = retries;
    this.stats = stats;
  }

  Future<Delivery> deliver(SignedPush push) {
    return attempt(push, 1);
  }

  private Future<Delivery> attempt(SignedPush push, int n) {
    stats.callbackPosted();
    return postOnce(push).transform(ar -> {
      if (ar.succeeded()) {
        stats.callbackAnswered();
        return Future.succeededFuture(new Delivery(ar.result().status(), ar.result().body(), n, null));
      }
      stats.callbackUnanswered();
      if (n > retries) {
        return Future.succeededFuture(new Delivery(null, null, n, ar.cause().getMessage()));
      }
      return attempt(push, n + 1);
    });
  }

  /** One POST with a hard deadline covering connect, send and the whole answer. */
  private Future<Answer> postOnce(SignedPush push) {
    Promise<Answer> answer = Promise.promise();
    long deadline = vertx.setTimer(timeoutMs,
        id -> answer.tryFail("no answer within " + timeoutMs + " ms"));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(push.uri())
        .setConnectTimeout(timeoutMs).putHeader("Content-Type", "text/xml")
        // what WeChat's pusher is commonly logged with (§7.7: not verified)
        .putHeader("User-Agent", "Mozilla/4.0");
    client.request(options)
        .compose(request -> {
          answer.future().onFailure(t -> request.reset());
          return request.send(push.body());
        })
        .compose(response -> response.body()
            .map(body -> new Answer(response.statusCode(), body.toString(StandardCharsets.UTF_8))))
        .onComplete(ar -> {
          vertx.cancelTimer(deadline);
          if (ar.succeeded()) {
            answer.tryComplete(ar.result());
          } else {
            answer.tryFail("cannot deliver: " + ar.cause().getMessage());
          }
        });
    return answer.future();
  }

  Future<Void> close() {
    return client.close();
  }
}
