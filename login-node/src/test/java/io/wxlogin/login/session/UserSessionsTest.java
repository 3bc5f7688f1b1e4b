package io.wxlogin.login.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user-sessions index on a real redis-server: what ops revoke, the phone's "0" and OIDC rely on. */
class UserSessionsTest {

  private static final RedisKeys KEYS = new RedisKeys("us-test:", false);
  static RedisServer server;
  static Vertx vertx;
  static Redis redis;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, server.url());
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      await(vertx.close());
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void revokingAUserEndsEverySessionOfThatUserAndNoOneElses() {
    UserSessions index = new UserSessions(redis, KEYS, List.of());
    String alice = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";
    storeSession(index, alice, "aa01", 600);
    storeSession(index, alice, "aa02", 600);
    storeSession(index, "oBob_000000000000000000000000", "bb01", 600);

    UserSessions.Revoked revoked = await(index.revokeUser(alice));

    assertEquals(2, revoked.sessions());
    assertEquals(0L, send(Request.cmd(Command.EXISTS).arg(KEYS.session("aa01")).arg(KEYS.session("aa02"))).toLong());
    assertEquals(1L, send(Request.cmd(Command.EXISTS).arg(KEYS.session("bb01"))).toLong(), "Bob is still logged in");
    assertEquals(List.of(), await(index.hashes(alice)));
    assertEquals(0, await(index.revokeUser(alice)).sessions(), "a second revocation finds nothing left");
  }

  @Test
  void theIndexLivesAsLongAsTheNewestSessionAndNotForever() {
    UserSessions index = new UserSessions(redis, KEYS, List.of());
    String openid = "oTtl_0000000000000000000000000";
    await(index.add(openid, "cc01", 100));
    long first = send(Request.cmd(Command.TTL).arg(KEYS.userSessions(openid))).toLong();
    await(index.add(openid, "cc02", 5000));
    long pushed = send(Request.cmd(Command.TTL).arg(KEYS.userSessions(openid))).toLong();
    await(index.add(openid, "cc03", 50));
    long kept = send(Request.cmd(Command.TTL).arg(KEYS.userSessions(openid))).toLong();

    assertTrue(first > 0 && first <= 100, "first ttl " + first);
    assertTrue(pushed > 100 && pushed <= 5000, "pushed ttl " + pushed);
    assertTrue(kept > 100, "a shorter session does not shorten the index: " + kept);
    assertEquals(3, await(index.hashes(openid)).size());
  }

  @Test
  void installedHooksEndWhatTheyHoldForTheUserAndReportIt() {
    List<String> asked = new ArrayList<>();
    UserRevocationHook refreshTokens = new UserRevocationHook() {
      @Override
      public String name() {
        return "refresh_tokens";
      }

      @Override
      public Future<Integer> revokeUser(Redis r, RedisKeys keys, String openid) {
        asked.add(openid);
        return r.send(Request.cmd(Command.DEL).arg(keys.prefix() + "rt:" + openid)).map(Response::toInteger);
      }
    };
    String openid = "oHook_000000000000000000000000";
    send(Request.cmd(Command.SET).arg(KEYS.prefix() + "rt:" + openid).arg("x"));
    UserSessions index = new UserSessions(redis, KEYS, List.of(refreshTokens));
    storeSession(index, openid, "dd01", 600);

    UserSessions.Revoked revoked = await(index.revokeUser(openid));

    assertEquals(1, revoked.sessions());
    assertEquals(Map.of("refresh_tokens", 1), revoked.hooks());
    assertEquals(List.of(openid), asked);
    assertNull(send(Request.cmd(Command.GET).arg(KEYS.prefix() + "rt:" + openid)));
  }

  private static void storeSession(UserSessions index, String openid, String hash, int ttl) {
    send(Request.cmd(Command.HSET).arg(KEYS.session(hash)).arg("openid").arg(openid).arg("created_at").arg("1"));
    send(Request.cmd(Command.EXPIRE).arg(KEYS.session(hash)).arg(ttl));
    await(index.add(openid, hash, ttl));
  }

  private static Response send(Request request) {
    return await(redis.send(request));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
