package io.wxlogin.redis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.redis.client.RedisClientType;
import io.wxlogin.config.ConfigException;
import io.wxlogin.config.Env;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisConfigTest {

  private static ConfigException problems(Map<String, String> vars) {
    Env env = new Env(vars);
    RedisConfig.from(env);
    return assertThrows(ConfigException.class, env::check);
  }

  @Test
  void defaultsAreALocalStandaloneRedisAndTheWxloginPrefix() {
    Env env = new Env(Map.of());
    RedisConfig c = RedisConfig.from(env);
    assertDoesNotThrow(env::check);
    assertEquals(List.of("redis://127.0.0.1:6379"), c.urls());
    assertEquals(RedisClientType.STANDALONE, c.mode());
    assertEquals("wxlogin:", c.keyPrefix());
    assertEquals("redis://127.0.0.1:6379 (standalone)", c.describe());
    assertEquals("mymaster", c.sentinelMaster());
  }

  @Test
  void theSentinelMasterNameIsReadAndCheckedLikeEveryOtherVariable() {
    Env env = new Env(Map.of("REDIS_MODE", "sentinel", "REDIS_SENTINEL_MASTER", "wx-master"));
    assertEquals("wx-master", RedisConfig.from(env).sentinelMaster());
    assertDoesNotThrow(env::check);
    ConfigException bad = problems(Map.of("REDIS_MODE", "sentinel", "REDIS_SENTINEL_MASTER", "no spaces"));
    assertTrue(bad.problems().get(0).startsWith("REDIS_SENTINEL_MASTER is invalid"), bad.getMessage());
  }

  @Test
  void clusterUrlListIsSplitAndTrimmed() {
    Env env = new Env(Map.of("REDIS_URL", "redis://a:7000, redis://b:7001 ,,rediss://c:7002",
        "REDIS_MODE", "Cluster", "REDIS_KEY_PREFIX", "app1:"));
    RedisConfig c = RedisConfig.from(env);
    assertDoesNotThrow(env::check);
    assertEquals(List.of("redis://a:7000", "redis://b:7001", "rediss://c:7002"), c.urls());
    assertEquals(RedisClientType.CLUSTER, c.mode());
    assertEquals("app1:token:{wx1}", c.keys().token("wx1"));
  }

  @Test
  void everyBadRedisVariableIsReportedByName() {
    ConfigException e = problems(Map.of("REDIS_URL", "localhost:6379", "REDIS_MODE", "replica",
        "REDIS_KEY_PREFIX", "bad prefix!"));
    List<String> p = e.problems();
    assertEquals(3, p.size(), e.getMessage());
    assertAll(
        () -> assertTrue(p.get(0).startsWith("REDIS_URL is 'localhost:6379': must be redis://"), p.get(0)),
        () -> assertEquals("REDIS_MODE is 'replica': must be one of standalone, cluster, sentinel", p.get(1)),
        () -> assertTrue(p.get(2).startsWith("REDIS_KEY_PREFIX is invalid: "), p.get(2)));
  }

  @Test
  void aUrlListOfOnlyCommasIsRejected() {
    assertTrue(problems(Map.of("REDIS_URL", " , ,")).problems().get(0).startsWith("REDIS_URL is "));
  }

  @Test
  void badUrlMessageNeverShowsThePassword() {
    for (String url : new String[] {"http://:s3cret@h:6379", "redis://:s3 cret@h", "http://user:s3/cret@h:6379",
        "http://user:s3@cret@h:6379", "redis://a:1,http://:s3cret@h:2", "http://s3cret@h:6379"}) {
      ConfigException e = problems(Map.of("REDIS_URL", url));
      assertTrue(e.getMessage().startsWith("REDIS_URL is '"), e.getMessage());
      assertFalse(e.getMessage().contains("s3"), "password shown: " + e.getMessage());
    }
  }

  @Test
  void describeMasksPasswordsWhereverTheUrlCarriesThem() {
    assertAll(
        () -> assertEquals("redis://:***@h:6379", RedisConfig.redactPassword("redis://:s3cret@h:6379")),
        () -> assertEquals("redis://alice:***@h:6379/2", RedisConfig.redactPassword("redis://alice:s3cret@h:6379/2")),
        () -> assertEquals("rediss://alice:***@h:6380", RedisConfig.redactPassword("rediss://alice:s3/cr@t@h:6380")),
        () -> assertEquals("redis://***@h:6379", RedisConfig.redactPassword("redis://s3cret@h:6379")),
        () -> assertEquals("redis://h:6379?password=***&db=1",
            RedisConfig.redactPassword("redis://h:6379?password=s3cret&db=1")),
        () -> assertEquals("redis://:***@a:1,redis://:***@b:2", RedisConfig.redactPassword("redis://:s3@a:1,redis://:s4@b:2")),
        () -> assertEquals("redis://127.0.0.1:6379", RedisConfig.redactPassword("redis://127.0.0.1:6379")));
    RedisConfig c = new RedisConfig(List.of("redis://u:s3cret@a:1", "redis://:s3cret@b:2"), RedisClientType.CLUSTER, "p:", "mymaster");
    assertEquals("redis://u:***@a:1,redis://:***@b:2 (cluster)", c.describe());
  }

  @Test
  void clusterModeRefusesBracesInThePrefixBecauseTokenKeysCarryTheirOwnHashTag() {
    ConfigException e = problems(Map.of("REDIS_MODE", "cluster", "REDIS_KEY_PREFIX", "x{}:"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("REDIS_KEY_PREFIX "), e.getMessage());

    Env standalone = new Env(Map.of("REDIS_KEY_PREFIX", "{wx}:"));
    assertEquals("{wx}:", RedisConfig.from(standalone).keyPrefix());
    assertDoesNotThrow(standalone::check);
  }
}
