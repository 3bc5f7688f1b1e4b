package io.wxlogin.login.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisClientType;
import io.wxlogin.login.StoreFixture;
import io.wxlogin.testing.RedisModes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The login node's view of the access_token when WeChat refuses it, on a real redis-server. */
@ExtendWith(VertxExtension.class)
class AccessTokensTest {

  static final RedisModes MODES = new RedisModes();
  static final String APP_ID = "wxaccesstokenstest";

  @AfterAll
  static void stop() {
    MODES.close();
  }

  /** Runs {@code call} on the node's event loop, where AccessTokens lives. */
  private static <T> Future<T> on(Context context, Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }

  private static void storeToken(StoreFixture store, String token) {
    store.probe().hset(store.keys.token(APP_ID), "access_token", token,
        "expires_at", String.valueOf(System.currentTimeMillis() + 3_600_000));
  }

  @Test
  void everyCallerOfARefusedTokenSharesOneRefreshRequestAndGetsTheReplacement(Vertx vertx) throws Exception {
    try (StoreFixture store = new StoreFixture(vertx, MODES, RedisClientType.STANDALONE)) {
      storeToken(store, "refused-token");
      BlockingQueue<String> requests = store.probe().subscribe(store.keys.tokenRefreshChannel());
      Context context = vertx.getOrCreateContext();
      AccessTokens tokens = new AccessTokens(vertx, store.redis, store.keys, APP_ID);

      List<Future<String>> callers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        callers.add(on(context, () -> tokens.replace("refused-token")));
      }
      String request = requests.poll(10, TimeUnit.SECONDS);
      assertNotNull(request, "the token-server was asked for a new token");
      assertTrue(request.contains(APP_ID), request);

      storeToken(store, "fresh-token");
      context.runOnContext(v -> tokens.onUpdated(APP_ID));
      for (Future<String> caller : callers) {
        assertEquals("fresh-token", StoreFixture.await(caller));
      }
      assertTrue(requests.size() < callers.size() - 1,
          "one request for all callers, not one each: " + (1 + requests.size()) + " requests");
    }
  }

  @Test
  void aCallerWhoseTokenWasAlreadyReplacedGetsTheNewOneWithoutAsking(Vertx vertx) throws Exception {
    try (StoreFixture store = new StoreFixture(vertx, MODES, RedisClientType.STANDALONE)) {
      storeToken(store, "already-fresh");
      BlockingQueue<String> requests = store.probe().subscribe(store.keys.tokenRefreshChannel());
      AccessTokens tokens = new AccessTokens(vertx, store.redis, store.keys, APP_ID);
      Context context = vertx.getOrCreateContext();
      assertEquals("already-fresh", StoreFixture.await(on(context, () -> tokens.replace("an-older-token"))));
      assertEquals(0, requests.size());
    }
  }
}
