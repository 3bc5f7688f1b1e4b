package io.wxlogin.login.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.session.UserSessions;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.testing.ChildProcess;
import io.wxlogin.testing.RedisClusterServer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code REDIS_MODE=cluster}: keys spread over three masters. A cluster client's SCAN would see one of them;
 * the listing must count every scene, and a revocation must reach sessions in every slot.
 */
class OpsOnRedisClusterTest {

  private static final RedisKeys KEYS = new RedisKeys("wxlogin:", true);
  private static final int SCENES = 30;
  private static final String OPENID = "oCluster_revoke_0000000000000";
  static RedisClusterServer cluster;
  static Vertx vertx;
  static Redis redis;

  @BeforeAll
  static void start() {
    cluster = RedisClusterServer.start();
    vertx = Vertx.vertx();
    RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
    List.of(cluster.urls().split(",")).forEach(options::addConnectionString);
    redis = Redis.createClient(vertx, options);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      OpsCommandTest.await(vertx.close());
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void scenesCountsTheScenesOfEveryMasterAndRevokeEndsSessionsInEverySlot() {
    Set<Long> slots = new HashSet<>();
    for (int i = 0; i < SCENES; i++) {
      String key = KEYS.scene(SceneStore.newSceneId());
      send(Request.cmd(Command.HSET).arg(key).arg("status").arg("PENDING").arg("created_at")
          .arg(System.currentTimeMillis()));
      send(Request.cmd(Command.EXPIRE).arg(key).arg(180));
      slots.add(OpsCommandTest.await(redis.send(Request.cmd(Command.CLUSTER).arg("KEYSLOT").arg(key))).toLong());
    }
    UserSessions index = new UserSessions(redis, KEYS, List.of());
    for (String hash : List.of("aa", "bb", "cc", "dd")) {
      send(Request.cmd(Command.HSET).arg(KEYS.session(hash)).arg("openid").arg(OPENID).arg("created_at").arg(1));
      OpsCommandTest.await(index.add(OPENID, hash, 600));
    }
    assertTrue(slots.size() > 20, "the scenes are spread over the cluster");

    Map<String, String> env = Map.of("REDIS_URL", cluster.urls(), "REDIS_MODE", "cluster");
    ChildProcess.Result scenes = ChildJvm.ops(env, "scenes", "--json");
    assertEquals(0, scenes.status(), scenes.err());
    assertEquals(SCENES, new JsonObject(scenes.out()).getInteger("count"), scenes.out());

    ChildProcess.Result revoke = ChildJvm.ops(env, "revoke", OPENID);
    assertEquals(0, revoke.status(), revoke.err());
    assertTrue(revoke.out().startsWith("revoked 4 sessions of user oCluster…"), revoke.out());
    for (String hash : List.of("aa", "bb", "cc", "dd")) {
      assertEquals(0L, OpsCommandTest.await(redis.send(Request.cmd(Command.EXISTS).arg(KEYS.session(hash)))).toLong());
    }
  }

  private static void send(Request request) {
    OpsCommandTest.await(redis.send(request));
  }
}
