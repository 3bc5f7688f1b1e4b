package io.wxlogin.login.poll;

import static io.wxlogin.login.StoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisClientType;
import io.wxlogin.http.RouterErrors;
import io.wxlogin.login.StoreFixture;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.login.guard.ClientAddress;
import io.wxlogin.login.guard.PollCaps;
import io.wxlogin.login.guard.PollGate;
import io.wxlogin.login.guard.RefusalLog;
import io.wxlogin.login.guard.Refusals;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.testing.Eventually;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.RedisModes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /api/login/<scene>} as a browser sees it, on a real HTTP server over both Redis modes. */
@ExtendWith(VertxExtension.class)
class PollHandlerTest {

  static final RedisModes MODES = new RedisModes();
  static final Http HTTP = new Http();

  @AfterAll
  static void stop() {
    MODES.close();
  }

  /** The poll route alone, on its own event loop, as the login node runs it. */
  static final class PollServer extends VerticleBase {
    final StoreFixture store;
    final SceneStore scenes;
    final SessionStore sessions;
    final ParkedPolls parked = new ParkedPolls();
    PollHandler polls;
    HttpServer server;

    PollServer(StoreFixture store) {
      this.store = store;
      this.scenes = new SceneStore(store.redis, store.keys);
      this.sessions = new SessionStore(store.redis, store.keys, 900);
    }

    @Override
    public Future<?> start() {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      PollGate gate = new PollGate(ClientAddress.trusting(""), new PollCaps(1_000, 1_000),
          new Refusals(registry, new RefusalLog(System.getLogger("wxlogin.poll-test"))));
      polls = new PollHandler(vertx, scenes, sessions, parked, "node-1", 30, new LoginMetrics(registry), gate);
      Router router = Router.router(vertx);
      router.get("/api/login/:scene").handler(polls);
      RouterErrors.install(router, "test");
      return vertx.createHttpServer().requestHandler(router).listen(0).onSuccess(s -> server = s);
    }

    /** What this node's pub/sub channel does when the scene is published to it. */
    void wake(String scene) {
      context.runOnContext(v -> polls.wake(scene));
    }

    Http.Reply poll(String scene, String wait) {
      return HTTP.get(url(scene, wait));
    }

    String url(String scene, String wait) {
      return "http://127.0.0.1:" + server.actualPort() + "/api/login/" + scene + "?wait=" + wait;
    }

    String newScene() {
      String scene = SceneStore.newSceneId();
      await(scenes.create(scene, "TICKET", 60));
      return scene;
    }
  }

  private static PollServer server(Vertx vertx, StoreFixture store) {
    PollServer server = new PollServer(store);
    await(vertx.deployVerticle(server));
    return server;
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void pendingThenTheSessionOnceThen410(RedisClientType mode, Vertx vertx) {
    try (StoreFixture store = new StoreFixture(vertx, MODES, mode)) {
      PollServer node = server(vertx, store);
      String scene = node.newScene();
      Http.Reply pending = node.poll(scene, "0");
      assertEquals(200, pending.status(), pending.body());
      assertEquals("PENDING", pending.json().getString("status"));

      await(node.scenes.scan(scene, "o_poll_user_1", "evt:1"));
      Http.Reply confirmed = node.poll(scene, "0");
      assertEquals(200, confirmed.status(), confirmed.body());
      assertEquals("CONFIRMED", confirmed.json().getString("status"));
      assertEquals("o_poll_user_1", confirmed.json().getJsonObject("user").getString("openid"));
      assertEquals(900, confirmed.json().getJsonObject("session").getInteger("expiresIn"));
      String token = confirmed.json().getJsonObject("session").getString("token");
      assertEquals("o_poll_user_1", await(node.sessions.find(token)).openid());

      Http.Reply again = node.poll(scene, "0");
      assertEquals(410, again.status());
      assertEquals("CONSUMED", again.json().getString("status"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void aHeldPollIsAnsweredWhenItsNodeIsToldOfTheConfirmation(RedisClientType mode, Vertx vertx) throws Exception {
    try (StoreFixture store = new StoreFixture(vertx, MODES, mode)) {
      PollServer node = server(vertx, store);
      String scene = node.newScene();
      CompletableFuture<Http.Reply> held = HTTP.sendAsync("GET", node.url(scene, "20"), null);
      Eventually.within(Duration.ofSeconds(5), "the poll is held", () -> node.parked.size() == 1
          && "node-1".equals(store.hgetall(store.keys.scene(scene)).get("node")));
      await(node.scenes.scan(scene, "o_held_poll_user", "evt:2"));
      node.wake(scene);
      Http.Reply answer = held.get(10, TimeUnit.SECONDS);
      assertEquals(200, answer.status(), answer.body());
      assertEquals("CONFIRMED", answer.json().getString("status"));
      Eventually.within(Duration.ofSeconds(5), "the answered poll is let go", () -> node.parked.size() == 0);
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void aHoldThatEndsWithoutAScanAnswersPending(RedisClientType mode, Vertx vertx) {
    try (StoreFixture store = new StoreFixture(vertx, MODES, mode)) {
      PollServer node = server(vertx, store);
      Http.Reply answer = node.poll(node.newScene(), "1");
      assertEquals(200, answer.status(), answer.body());
      assertEquals("PENDING", answer.json().getString("status"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisClientType.class, names = {"STANDALONE", "CLUSTER"})
  void badWaitsAndUnknownScenesAreRefusedInJson(RedisClientType mode, Vertx vertx) {
    try (StoreFixture store = new StoreFixture(vertx, MODES, mode)) {
      PollServer node = server(vertx, store);
      String scene = node.newScene();
      for (String wait : new String[] {"abc", "-1", "99999999999"}) {
        Http.Reply bad = node.poll(scene, wait);
        assertEquals(400, bad.status(), wait);
        assertEquals("bad_wait", bad.json().getString("error"));
        assertTrue(bad.header("Content-Type").startsWith("application/json"));
      }
      for (String unknown : new String[] {SceneStore.newSceneId(), "not-a-scene", "A".repeat(32)}) {
        Http.Reply gone = node.poll(unknown, "0");
        assertEquals(404, gone.status(), unknown);
        assertEquals("EXPIRED", gone.json().getString("status"));
      }
      assertEquals("PENDING", store.hgetall(store.keys.scene(scene)).get("status"), "refusals change nothing");
    }
  }
}
