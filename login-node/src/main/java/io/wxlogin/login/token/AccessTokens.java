package io.wxlogin.login.token;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisFields.Token;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.redis.TokenMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The access_token as the token-server keeps it in Redis, held in memory and replaced on
 * {@code token-updated}. A login node never calls WeChat's token API: when WeChat refuses a token it asks
 * the token-server on {@code token-refresh} and waits for the replacement.
 */
public final class AccessTokens {

  private static final System.Logger LOG = System.getLogger("wxlogin.token");
  private static final long REFRESH_WAIT_MS = 5_000;
  private static final long REREAD_EVERY_MS = 250;
  private static final int ASK_AGAIN_EVERY_TICKS = 4;

  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;
  private final String appId;
  private String token;
  private long expiresAt;
  /** When the token-server wrote the held token; read by the metrics scrape, so volatile. */
  private volatile long refreshedAt;
  private final List<Promise<String>> waiting = new ArrayList<>();
  private Flight flight;

  public AccessTokens(Vertx vertx, Redis redis, RedisKeys keys, String appId) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = keys;
    this.appId = appId;
  }

  /** The token to use now, read from Redis when none is held or the held one has expired. */
  public Future<String> current() {
    if (token != null && expiresAt > System.currentTimeMillis()) {
      return Future.succeededFuture(token);
    }
    return reload().compose(t -> t != null ? Future.succeededFuture(t)
        : Future.failedFuture(new NoTokenException()));
  }

  public boolean present() {
    return token != null && expiresAt > System.currentTimeMillis();
  }

  /** When the held token was written by the token-server (epoch ms), or null while none is held. */
  public Long refreshedAtMs() {
    return token == null ? null : refreshedAt;
  }

  /** When the held token expires (epoch ms), or null while none is held. */
  public Long expiresAtMs() {
    return token == null ? null : expiresAt;
  }

  /** Re-reads the stored token; answers it, or null when none is stored. */
  public Future<String> reload() {
    return redis.send(Request.cmd(Command.HMGET).arg(keys.token(appId)).arg(Token.ACCESS_TOKEN.field())
            .arg(Token.EXPIRES_AT.field()).arg(Token.REFRESHED_AT.field()))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(r -> {
          String t = r.get(0) == null ? null : r.get(0).toString();
          long exp = r.get(1) == null ? 0 : Long.parseLong(r.get(1).toString());
          if (t != null && !t.equals(token)) {
            expiresAt = exp;
            refreshedAt = r.get(2) == null ? exp : Long.parseLong(r.get(2).toString());
            token = t;
            List<Promise<String>> woken = new ArrayList<>(waiting);
            waiting.clear();
            woken.forEach(p -> p.tryComplete(t));
          } else if (t == null) {
            token = null;
          }
          return t;
        });
  }

  /** Called for every {@code token-updated} message. */
  public void onUpdated(String payload) {
    if (appId.equals(payload)) {
      reload().onFailure(t -> LOG.log(System.Logger.Level.WARNING, "cannot re-read the token after token-updated: " + t));
    }
  }

  /**
   * WeChat refused {@code failed}: answers a different token, asking the token-server for one if the
   * stored token is still the failed one. Single-flight: every caller that finds the same failed token while
   * a replacement is awaited shares that one wait (one request, one re-read timer).
   */
  public Future<String> replace(String failed) {
    return reload().compose(stored -> {
      if (stored != null && !Objects.equals(stored, failed)) {
        return Future.succeededFuture(stored);
      }
      if (flight == null || !flight.failed().equals(failed)) {
        Flight started = new Flight(failed, awaitReplacement(failed));
        flight = started;
        started.replacement().onComplete(ar -> {
          if (flight == started) {
            flight = null;
          }
        });
      }
      return flight.replacement();
    });
  }

  /** The one wait for a replacement of {@code failed}. */
  private record Flight(String failed, Future<String> replacement) {
  }

  private Future<String> awaitReplacement(String failed) {
    Promise<String> next = Promise.promise();
    waiting.add(next);
    String request = TokenMessages.refreshRequest(appId, failed);
    askForRefresh(request);
    // pub/sub delivers at most once: the request is lost if the token-server's link is down at that moment,
    // and so is token-updated if ours is. So re-read Redis meanwhile, and repeat the request now and then
    // (the token-server refreshes a given failed token once, however often it is asked).
    long[] ticks = {0};
    long poller = vertx.setPeriodic(REREAD_EVERY_MS, id -> {
      reload();
      if (++ticks[0] % ASK_AGAIN_EVERY_TICKS == 0) {
        askForRefresh(request);
      }
    });
    long deadline = vertx.setTimer(REFRESH_WAIT_MS, id -> next.tryFail(new NoTokenException()));
    return next.future().onComplete(ar -> {
      vertx.cancelTimer(poller);
      vertx.cancelTimer(deadline);
      waiting.remove(next);
    });
  }

  private void askForRefresh(String request) {
    // SPUBLISH in cluster mode, where the token-server subscribes with SSUBSCRIBE
    Subscriber.publish(redis, keys, keys.tokenRefreshChannel(), request)
        .onFailure(t -> LOG.log(System.Logger.Level.WARNING, "cannot ask for a token refresh: " + t));
  }

  /** No usable access_token in Redis: the token-server is down or cannot get one from WeChat. */
  public static final class NoTokenException extends RuntimeException {
    public NoTokenException() {
      super("no access_token is available from the token-server");
    }
  }
}
