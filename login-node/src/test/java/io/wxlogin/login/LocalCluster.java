package io.wxlogin.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.config.Env;
import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.sandbox.SandboxVerticle;
import io.wxlogin.testing.RedisClusterServer;
import io.wxlogin.testing.RedisServer;
import io.wxlogin.token.TokenServerConfig;
import io.wxlogin.token.TokenServerVerticle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on loopback, as the README's run command starts it: a real redis-server, the
 * wechat-sandbox, a token-server and two login nodes, each server in its own Vert.x instance as if it were
 * its own process. The sandbox delivers WeChat's callbacks to node B.
 */
final class LocalCluster implements AutoCloseable {

  private final AutoCloseable redisServer;
  private final String redisUrl;
  private final String redisMode;
  final Vertx sandboxVertx = Vertx.vertx();
  final Vertx tokenVertx = Vertx.vertx();
  final Vertx nodeAVertx = Vertx.vertx();
  final Vertx nodeBVertx = Vertx.vertx();
  final Vertx clientVertx = Vertx.vertx();
  SandboxConfig sandboxConfig;
  int sandboxPort;
  int tokenPort;
  LoginNodeVerticle nodeA;
  LoginNodeVerticle nodeB;
  Redis redis;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Starts a cluster, trying again on fresh ports if one picked as free was taken meanwhile (node B's port
   * must be known before the sandbox starts, so it cannot simply be 0).
   */
  static LocalCluster start(String aesKey) {
    return start(aesKey, false);
  }

  /** The same system on a real three-master Redis Cluster ({@code REDIS_MODE=cluster}). */
  static LocalCluster startOnRedisCluster() {
    return start(null, true);
  }

  private static LocalCluster start(String aesKey, boolean redisCluster) {
    for (int attempt = 1; ; attempt++) {
      LocalCluster cluster = new LocalCluster(redisCluster);
      try {
        cluster.startServers(aesKey);
        return cluster;
      } catch (IllegalStateException e) {
        cluster.close();
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("BindException")) {
          throw e;
        }
      }
    }
  }

  private LocalCluster(boolean redisCluster) {
    if (redisCluster) {
      RedisClusterServer server = RedisClusterServer.start();
      redisServer = server;
      redisUrl = server.urls();
      redisMode = "cluster";
    } else {
      RedisServer server = RedisServer.start();
      redisServer = server;
      redisUrl = server.url();
      redisMode = "standalone";
    }
  }

  private void startServers(String aesKey) {
    int nodeBPort = RedisServer.freePort();
    SandboxConfig sc = SandboxConfig.defaults().withHttpPort(0)
        .withCallbackUrl("http://127.0.0.1:" + nodeBPort + "/wechat/callback")
        .withCallbackTimeoutMs(5000);
    if (aesKey != null) {
      sc = sc.withAesKey(aesKey);
    }
    sandboxConfig = sc;
    SandboxVerticle sandbox = new SandboxVerticle(sc);
    await(sandboxVertx.deployVerticle(sandbox));
    sandboxPort = sandbox.actualPort();

    Map<String, String> env = new HashMap<>();
    env.put("REDIS_URL", redisUrl);
    env.put("REDIS_MODE", redisMode);
    env.put("WECHAT_APP_ID", sc.appId());
    env.put("WECHAT_API_BASE", sandboxBase());
    Map<String, String> tokenEnv = new HashMap<>(env);
    tokenEnv.put("HTTP_PORT", "0");
    tokenEnv.put("WECHAT_APP_SECRET", sc.appSecret());
    tokenEnv.put("TOKEN_SERVER_ID", "token-test");
    TokenServerVerticle tokenServer = new TokenServerVerticle(TokenServerConfig.from(new Env(tokenEnv)));
    await(tokenVertx.deployVerticle(tokenServer));
    tokenPort = tokenServer.actualPort();

    env.put("WECHAT_TOKEN", sc.token());
    env.put("WECHAT_QR_IMAGE_BASE", sandboxBase() + "/cgi-bin/showqrcode");
    env.put("POLL_WAIT_MAX_SECONDS", "30");
    if (aesKey != null) {
      env.put("WECHAT_AES_KEY", aesKey);
    }
    nodeA = node(nodeAVertx, env, "node-a", 0);
    nodeB = node(nodeBVertx, env, "node-b", nodeBPort);
    RedisOptions options = new RedisOptions().setType("cluster".equals(redisMode)
        ? RedisClientType.CLUSTER : RedisClientType.STANDALONE);
    List.of(redisUrl.split(",")).forEach(options::addConnectionString);
    redis = Redis.createClient(clientVertx, options);
    waitForToken();
  }

  private static LoginNodeVerticle node(Vertx vertx, Map<String, String> base, String id, int port) {
    Map<String, String> env = new HashMap<>(base);
    env.put("NODE_ID", id);
    env.put("HTTP_PORT", String.valueOf(port));
    LoginNodeVerticle node = new LoginNodeVerticle(LoginNodeConfig.from(new Env(env)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    await(vertx.deployVerticle(node));
    return node;
  }

  private void waitForToken() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (get(nodeA, "/ready").statusCode() == 200 && get(nodeB, "/ready").statusCode() == 200) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("the login nodes never became ready: " + get(nodeA, "/ready").body());
  }

  String sandboxBase() {
    return "http://127.0.0.1:" + sandboxPort;
  }

  String base(LoginNodeVerticle node) {
    return "http://127.0.0.1:" + node.actualPort();
  }

  HttpResponse<String> get(LoginNodeVerticle node, String path) {
    return send(HttpRequest.newBuilder(URI.create(base(node) + path)).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> poll(LoginNodeVerticle node, String scene, int wait) {
    return get(node, "/api/login/" + scene + "?wait=" + wait);
  }

  CompletableFuture<HttpResponse<String>> pollAsync(LoginNodeVerticle node, String scene, int wait) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(base(node) + "/api/login/" + scene + "?wait=" + wait))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits (up to 5 s) until the node holds exactly {@code count} parked polls. */
  static void awaitParked(LoginNodeVerticle node, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (node.parkedPolls() != count && System.nanoTime() < deadline) {
      sleep(10);
    }
    assertEquals(count, node.parkedPolls(), "polls parked on " + node.nodeId());
  }

  /** Asks node for a QR code; answers the 201 body. */
  JsonObject newQr(LoginNodeVerticle node) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base(node) + "/api/login/qrcode"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("qrcode: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  /** Plays the user's phone through the sandbox; answers the sandbox's report. */
  JsonObject scan(String qrContent, String openid, Boolean follower) {
    JsonObject body = new JsonObject().put("qrContent", qrContent).put("openid", openid);
    if (follower != null) {
      body.put("follower", follower);
    }
    return sandbox("/sandbox/scan", body);
  }

  JsonObject sandbox(String path, JsonObject body) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(sandboxBase() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body()).put("_status", r.statusCode());
  }

  Response redis(Request request) {
    return await(redis.send(request));
  }

  Map<String, String> hgetall(String key) {
    Response r = redis(Request.cmd(Command.HGETALL).arg(key));
    Map<String, String> m = new HashMap<>();
    for (String k : r.getKeys()) {
      m.put(k, r.get(k).toString());
    }
    return m;
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
    for (Vertx v : new Vertx[] {nodeAVertx, nodeBVertx, tokenVertx, sandboxVertx, clientVertx}) {
      try {
        v.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // best effort: the next test class starts its own cluster on fresh ports
      }
    }
    try {
      redisServer.close();
    } catch (Exception ignored) {
      // the processes are killed forcibly; nothing else to release
    }
  }
}
