package io.wxlogin.login.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.login.session.UserSessions;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.testing.ChildProcess;
import io.wxlogin.testing.RedisServer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each {@code ops} command as an operator runs it, in its own JVM, against a real redis-server holding what the
 * token-server and login nodes write. What must never appear (the access_token, a QR ticket, a whole scene id)
 * is written into Redis too, and looked for in every output.
 */
class OpsCommandTest {

  private static final String PREFIX = "opstest:";
  private static final RedisKeys KEYS = new RedisKeys(PREFIX, false);
  private static final String APP_ID = "wx5a7e0c1d2b3f4e6a";
  private static final String ACCESS_TOKEN = "ACCESS_TOKEN_never_printed_81726354";
  private static final String TICKET = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2tUSUdfX0tfXzBjMTAwMDAw";
  private static final String SCENE = "5f1e0d2c3b4a59687766554433221100";
  private static final String OPENID = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";
  static RedisServer server;
  static Vertx vertx;
  static Redis redis;

  @BeforeAll
  static void seed() {
    server = RedisServer.start();
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, server.url());
    long now = System.currentTimeMillis();
    send(Request.cmd(Command.HSET).arg(KEYS.scene(SCENE)).arg("status").arg("PENDING").arg("created_at")
        .arg(now - 42_000).arg("ticket").arg(TICKET).arg("node").arg("node-a").arg("browser").arg("Chrome"));
    send(Request.cmd(Command.EXPIRE).arg(KEYS.scene(SCENE)).arg(180));
    send(Request.cmd(Command.HSET).arg(KEYS.token(APP_ID)).arg("access_token").arg(ACCESS_TOKEN)
        .arg("expires_at").arg(now + 7_000_000).arg("refreshed_at").arg(now - 200_000).arg("refreshed_by").arg("ts-1"));
    send(Request.cmd(Command.SET).arg(KEYS.tokenLease(APP_ID)).arg("ts-1").arg("EX").arg(3600));
    send(Request.cmd(Command.HSET).arg(KEYS.user(OPENID)).arg("first_login_at").arg(now - 86_400_000)
        .arg("last_login_at").arg(now - 60_000).arg("login_count").arg(3));
    UserSessions index = new UserSessions(redis, KEYS, List.of());
    for (String hash : List.of("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0")) {
      send(Request.cmd(Command.HSET).arg(KEYS.session(hash)).arg("openid").arg(OPENID).arg("new_user").arg("0")
          .arg("created_at").arg(now - 60_000).arg("scene").arg(SCENE));
      send(Request.cmd(Command.EXPIRE).arg(KEYS.session(hash)).arg(604_800));
      await(index.add(OPENID, hash, 604_800));
    }
    String today = DateTimeFormatter.ofPattern("yyyyMMdd").format(Instant.now().atZone(ZoneId.of("Asia/Shanghai")));
    send(Request.cmd(Command.SET).arg(KEYS.qrQuota(APP_ID, today)).arg(1234));
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
  void scenesListsTheLiveQrCodeShortenedWithItsAgeStateAndNode() {
    ChildProcess.Result table = ops("scenes");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().contains("1 live QR code: 1 PENDING"), table.out());
    assertTrue(table.out().matches("(?s).*5f1e0d2c…\\s+\\d+(s|m \\d\\ds)\\s+PENDING\\s+node-a\\s+[12]m \\d\\ds\n.*"), table.out());

    JsonObject json = new JsonObject(ops("scenes", "--json").out());
    assertEquals(1, json.getInteger("count"));
    JsonObject row = json.getJsonArray("scenes").getJsonObject(0);
    assertEquals("5f1e0d2c…", row.getString("scene"));
    assertEquals("node-a", row.getString("node"));
    assertTrue(row.getLong("ageSeconds") >= 42, row.encode());
  }

  @Test
  void sceneFindsOneSceneByThePrefixAListingShows() {
    ChildProcess.Result table = ops("scene", "5f1e0d2c…");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().matches("(?s).*poll held by\\s+node-a.*"), table.out());
    assertTrue(table.out().matches("(?s).*browser\\s+Chrome.*"), table.out());

    JsonObject json = new JsonObject(ops("scene", SCENE, "--json").out());
    assertEquals("PENDING", json.getString("status"));
    assertEquals("Chrome", json.getString("browser"));

    ChildProcess.Result missing = ops("scene", "abcdef12");
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("no live scene abcdef12"), missing.err());
    assertEquals(2, ops("scene", "*").status(), "a glob is not a scene id");
  }

  @Test
  void tokensShowsAgeExpiryAndLeaseHolderButNeverTheToken() {
    ChildProcess.Result table = ops("tokens");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().matches("(?s).*" + APP_ID + "\\s+\\dm \\d\\ds\\s+1h 5\\dm\\s+ts-1\\s+ts-1\\s+5\\dm \\d\\ds\n.*"),
        table.out());

    JsonObject row = new JsonObject(ops("tokens", "--json").out()).getJsonArray("tokens").getJsonObject(0);
    assertEquals(APP_ID, row.getString("appid"));
    assertEquals("ts-1", row.getString("leaseHolder"));
    assertTrue(row.getLong("expiresInSeconds") > 6_900, row.encode());
  }

  @Test
  void userShowsLoginsAndLiveSessionsWithAgeAndExpiry() {
    ChildProcess.Result table = ops("user", OPENID);
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().contains("user o9AgO5Kd…: 3 logins"), table.out());
    assertTrue(table.out().contains("2 live sessions"), table.out());
    assertTrue(table.out().matches("(?s).*a1b2c3d4…\\s+\\dm \\d\\ds\\s+6d 23h\\s+5f1e0d2c….*"), table.out());

    JsonObject json = new JsonObject(ops("user", OPENID, "--json").out());
    assertEquals(3, json.getInteger("loginCount"));
    assertEquals(2, json.getJsonArray("sessions").size());

    assertEquals(1, ops("user", "oNobody_00000000000000000000").status());
    assertEquals(2, ops("user", "o'; FLUSHALL").status());
  }

  @Test
  void quotaShowsTodaysQrCodesAgainstTheDailyQuota() {
    ChildProcess.Result table = ops(Map.of("QR_DAILY_QUOTA", "10000"), "quota");
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().matches("(?s).*" + APP_ID + "\\s+\\d{8}\\s+1234\\s+10000\\s+8766\\s+12\\.3%.*"), table.out());

    JsonObject row = new JsonObject(ops("quota", "--json").out()).getJsonArray("quota").getJsonObject(0);
    assertEquals(1234, row.getInteger("used"));
    assertEquals(100_000, row.getInteger("quota"));
  }

  @Test
  void anUnknownCommandPrintsTheUsageAndExitsWithStatus2() {
    ChildProcess.Result r = ops("flushall");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("usage: java -jar login-node.jar ops <command>"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void anUnreachableRedisIsOneClearLineAndExitStatus2() {
    int closed = RedisServer.freePort();
    ChildProcess.Result r = ChildJvm.ops(Map.of("REDIS_URL", "redis://127.0.0.1:" + closed), "scenes");
    assertEquals(2, r.status(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("ops: Redis is unreachable at redis://127.0.0.1:" + closed), r.err());

    ChildProcess.Result json = ChildJvm.ops(Map.of("REDIS_URL", "redis://127.0.0.1:" + closed), "tokens", "--json");
    assertEquals(2, json.status());
    assertEquals("redis_unreachable", new JsonObject(json.out()).getString("error"));
  }

  private static ChildProcess.Result ops(String... args) {
    return ops(Map.of(), args);
  }

  /** Runs the command and checks, for every command, that no secret written into Redis comes out. */
  private static ChildProcess.Result ops(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("REDIS_URL", server.url());
    env.put("REDIS_KEY_PREFIX", PREFIX);
    ChildProcess.Result r = ChildJvm.ops(env, args);
    for (String secret : List.of(ACCESS_TOKEN, TICKET, SCENE)) {
      assertFalse((r.out() + r.err()).contains(secret), "ops " + String.join(" ", args) + " printed a secret");
    }
    return r;
  }

  private static void send(Request request) {
    await(redis.send(request));
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
