package io.wxlogin.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.wxlogin.testing.RedisServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The names a script uses are written into its source as literals, checked at load, and run on a real Redis. */
class LuaScriptTest {

  private enum Status { PENDING, CONFIRMED }

  private static final LuaScript.Names[] TABLES = {
      LuaScript.fieldTable("SCENE", RedisFields.Scene.values()), LuaScript.nameTable("STATUS", Status.values())};

  @Test
  void namesBecomeLiteralsSoNoTableIsBuiltPerCall() {
    String source = LuaScript.load(LuaScriptTest.class, "names.lua", TABLES).source();

    assertTrue(source.contains("redis.call('HGET', KEYS[1], 'status') or 'PENDING'"), source);
    assertFalse(source.contains("local SCENE"), source);
  }

  @Test
  void aNameThatIsNotInItsTableFailsTheLoad() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LuaScript.load(LuaScriptTest.class, "typo.lua", TABLES));
    assertTrue(e.getMessage().contains("SCENE.stauts"), e.getMessage());
  }

  @Test
  void theInlinedScriptRunsOnRedis() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (RedisServer server = RedisServer.start()) {
      Redis redis = Redis.createClient(vertx, server.url());
      LuaScript script = LuaScript.load(LuaScriptTest.class, "names.lua", TABLES);
      assertEquals("PENDING", script.run(redis, List.of("h"), List.of()).await(10, TimeUnit.SECONDS).toString());
      redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HSET).arg("h").arg("status")
          .arg("CONFIRMED")).await(10, TimeUnit.SECONDS);
      assertEquals("CONFIRMED", script.run(redis, List.of("h"), List.of()).await(10, TimeUnit.SECONDS).toString());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
