package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole system as separate processes, the way it is deployed: the built jars run with {@code java -jar}
 * (sandbox as WeChat, token-servers, login nodes) on a {@link Store}. Browsers talk to a chosen node, as a
 * load balancer would route them; WeChat's callbacks go through a {@link TcpBalancer} whose primary is the
 * last node, so a login normally crosses nodes over pub/sub.
 */
final class WxSystem {

  static final String APP_ID = "wx5a7e0c1d2b3f4e6a";
  static final String APP_SECRET = "5a7e0c1d2b3f4e6a8b9c0d1e2f3a4b5c";
  static final String CALLBACK_TOKEN = "sandboxtoken";
  static final String NEW_USER = "登录成功，欢迎！请回到网页继续。";
  static final String RETURNING_USER = "登录成功，欢迎回来！请回到网页继续。";
  static final String TRY_AGAIN = "登录服务暂时繁忙，请稍后重新扫码。";
  static final String SAME_USER = "你已经用这个二维码登录过了，无需再次扫码。";
  static final String EXPIRED = "二维码已过期，请在网页上刷新二维码后重新扫码。";

  final Fleet fleet;
  final Store store;
  final Http http = new Http();
  final List<Spawned> nodes = new ArrayList<>();
  final List<Integer> nodePorts = new ArrayList<>();
  final List<Integer> managementPorts = new ArrayList<>();
  final List<Spawned> tokenServers = new ArrayList<>();
  final List<Integer> tokenPorts = new ArrayList<>();
  Spawned sandbox;
  int sandboxPort;
  TcpBalancer callbacks;
  private final Map<String, String> nodeEnv = new HashMap<>();
  private final Map<String, String> tokenEnv = new HashMap<>();
  private final Map<String, String> sandboxEnv = new HashMap<>();
  private int nodeCount = 2;
  private int tokenCount = 1;

  private WxSystem(Fleet fleet, Store store) {
    this.fleet = fleet;
    this.store = store;
  }

  static WxSystem on(Fleet fleet, Store store) {
    return new WxSystem(fleet, store);
  }

  WxSystem nodes(int n) {
    nodeCount = n;
    return this;
  }

  WxSystem tokenServers(int n) {
    tokenCount = n;
    return this;
  }

  WxSystem nodeEnv(String k, String v) {
    nodeEnv.put(k, v);
    return this;
  }

  WxSystem tokenEnv(String k, String v) {
    tokenEnv.put(k, v);
    return this;
  }

  WxSystem sandboxEnv(String k, String v) {
    sandboxEnv.put(k, v);
    return this;
  }

  static Path jar(String module) {
    Path jar = Path.of(System.getProperty("wxlogin.root", ".."), module, "target", module + ".jar").normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build it first (mvn -B verify -Pfaults builds it)");
    return jar;
  }

  WxSystem start() throws Exception {
    for (int i = 0; i < nodeCount; i++) {
      nodePorts.add(RedisServer.freePort());
    }
    List<Integer> lastFirst = new ArrayList<>(nodePorts);
    java.util.Collections.reverse(lastFirst);
    callbacks = fleet.add(new TcpBalancer(lastFirst));
    sandboxPort = RedisServer.freePort();
    Map<String, String> env = new HashMap<>(Map.of("HTTP_PORT", String.valueOf(sandboxPort),
        "SANDBOX_CALLBACK_URL", "http://127.0.0.1:" + callbacks.port() + "/wechat/callback"));
    env.putAll(sandboxEnv);
    sandbox = fleet.add(Spawned.jar("sandbox", jar("wechat-sandbox"), env, fleet.dir()));
    for (int i = 0; i < tokenCount; i++) {
      startTokenServer(i);
    }
    for (int i = 0; i < nodeCount; i++) {
      startNode(i);
    }
    sandbox.awaitLog("listening on");
    tokenServers.forEach(t -> t.awaitLog("listening on"));
    nodes.forEach(n -> n.awaitLog("listening on"));
    Eventually.await(30, () -> !store.hgetall(tokenKey()).isEmpty(), "the token-server stored a token");
    for (int i = 0; i < nodeCount; i++) {
      awaitReady(i);
    }
    return this;
  }

  /** {@code /ready}: Redis answers, the pub/sub link is up and a token is held (management port, or public). */
  void awaitReady(int i) {
    Eventually.await(60, () -> http.get(managementUrl(i) + "/ready", 5).status() == 200
        || http.get(node(i) + "/ready", 5).status() == 200, nodeId(i) + " is ready");
  }

  String managementUrl(int i) {
    return "http://127.0.0.1:" + managementPorts.get(i);
  }

  private void startTokenServer(int i) {
    int port = RedisServer.freePort();
    Map<String, String> env = new HashMap<>(store.env());
    env.putAll(Map.of("HTTP_PORT", String.valueOf(port), "MANAGEMENT_PORT", String.valueOf(RedisServer.freePort()),
        "WECHAT_APP_ID", APP_ID, "WECHAT_APP_SECRET", APP_SECRET, "WECHAT_API_BASE", sandboxUrl(),
        "TOKEN_SERVER_ID", "token-" + i));
    env.putAll(tokenEnv);
    tokenPorts.add(port);
    tokenServers.add(fleet.add(Spawned.jar("token-" + i, jar("token-server"), env, fleet.dir())));
  }

  private void startNode(int i) {
    Map<String, String> env = new HashMap<>(store.env());
    managementPorts.add(RedisServer.freePort());
    env.putAll(Map.of("HTTP_PORT", String.valueOf(nodePorts.get(i)),
        "MANAGEMENT_PORT", String.valueOf(managementPorts.get(i)), "NODE_ID", nodeId(i),
        "WECHAT_APP_ID", APP_ID, "WECHAT_TOKEN", CALLBACK_TOKEN, "WECHAT_API_BASE", sandboxUrl(),
        "WECHAT_QR_IMAGE_BASE", sandboxUrl() + "/cgi-bin/showqrcode"));
    env.putAll(nodeEnv);
    nodes.add(fleet.add(Spawned.jar(nodeId(i), jar("login-node"), env, fleet.dir())));
  }

  /**
   * What the user reads in WeChat, reduced to the message that matters: a reply may lead with what is being
   * logged in ("你正在 … 登录 …"), so the outcome is the known sentence it contains; null if none.
   */
  static String says(JsonObject scan) {
    String reply = scan.getString("reply");
    if (reply == null) {
      return null;
    }
    for (String known : List.of(RETURNING_USER, NEW_USER, TRY_AGAIN, SAME_USER, EXPIRED)) {
      if (reply.contains(known)) {
        return known;
      }
    }
    return reply;
  }

  static String says(Http.Reply scan) {
    return scan.status() == 200 ? says(scan.json()) : null;
  }

  static String nodeId(int i) {
    return "node-" + i;
  }

  String sandboxUrl() {
    return "http://127.0.0.1:" + sandboxPort;
  }

  String node(int i) {
    return "http://127.0.0.1:" + nodePorts.get(i);
  }

  String tokenKey() {
    return "wxlogin:token:" + ("cluster".equals(store.mode()) ? "{" + APP_ID + "}" : APP_ID);
  }

  String leaseKey() {
    return "wxlogin:token-lease:" + ("cluster".equals(store.mode()) ? "{" + APP_ID + "}" : APP_ID);
  }

  /** Queues a WeChat fault in the sandbox (see docs/sandbox.md): an errcode and/or a delay for an API path. */
  void wechatFault(JsonObject fault) {
    int status = http.post(sandboxUrl() + "/sandbox/faults", fault.encode(), 10).status();
    assertTrue(status == 200 || status == 201, "fault queued: " + status);
  }

  /** Every token the sandbox issued so far is refused from now on (40001), as when WeChat retires them. */
  void expireWeChatTokens() {
    assertEquals(200, http.post(sandboxUrl() + "/sandbox/expire-tokens", "", 10).status(), "tokens expired");
  }

  /** How many calls the sandbox saw on a WeChat API path. */
  int wechatCalls(String api) {
    JsonObject apis = http.get(sandboxUrl() + "/sandbox/stats", 10).json().getJsonObject("apis");
    JsonObject path = apis == null ? null : apis.getJsonObject(api);
    return path == null ? 0 : path.getInteger("calls", 0);
  }

  /** The token hash in Redis (a secret: never printed by a test). */
  Map<String, String> storedToken() {
    return store.hgetall(tokenKey());
  }

  /** What a login node publishes when WeChat refuses {@code accessToken}. */
  void reportRefusedToken(String accessToken) {
    store.cli("publish", "wxlogin:token-refresh",
        io.wxlogin.redis.TokenMessages.refreshRequest(APP_ID, accessToken));
  }

  /** A browser asks node {@code i} for a QR code (retrying, bounded, while the system settles). */
  JsonObject newQr(int i) {
    Http.Reply[] last = new Http.Reply[1];
    Eventually.await(30, () -> (last[0] = http.post(node(i) + "/api/login/qrcode", "", 10)).status() == 201,
        "a QR code from " + nodeId(i) + " (last answer: " + last[0] + ")");
    return last[0].json();
  }

  Http.Reply poll(int i, String scene, int waitSeconds) {
    return http.get(node(i) + "/api/login/" + scene + "?wait=" + waitSeconds, waitSeconds + 10);
  }

  CompletableFuture<Http.Reply> pollAsync(int i, String scene, int waitSeconds) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(node(i) + "/api/login/" + scene + "?wait=" + waitSeconds))
        .GET(), waitSeconds + 10);
  }

  /** Waits until node {@code i} holds a poll for {@code scene} (it records itself on the scene). */
  void awaitParked(String scene, int i) {
    Eventually.await(20, () -> nodeId(i).equals(store.hgetall(sceneKey(scene)).get("node")),
        nodeId(i) + " holds the poll of " + scene.substring(0, 8));
  }

  static String sceneKey(String scene) {
    return "wxlogin:scene:" + scene;
  }

  /** The user scans the QR code with WeChat: the sandbox posts the signed event and reports the reply. */
  JsonObject scan(String qrContent, String openid) {
    Http.Reply r = http.post(sandboxUrl() + "/sandbox/scan",
        new JsonObject().put("qrContent", qrContent).put("openid", openid).encode(), 90);
    assertEquals(200, r.status(), "the sandbox answered the scan: " + r);
    return r.json();
  }

  /**
   * The user scans, and as long as WeChat shows "busy, scan again" scans again half a second later, as told
   * (at most 20 times); returns what the user finally reads.
   */
  String scanAsTold(String qrContent, String openid) {
    for (int attempt = 1; ; attempt++) {
      String said = says(scan(qrContent, openid));
      if (!TRY_AGAIN.equals(said) || attempt == 20) {
        if (attempt > 1) {
          System.out.println("[fault] the user was asked to scan again " + (attempt - 1) + " time(s)");
        }
        return said;
      }
      Eventually.sleep(500);
    }
  }

  CompletableFuture<Http.Reply> scanAsync(String qrContent, String openid) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(sandboxUrl() + "/sandbox/scan"))
        .POST(HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("qrContent", qrContent).put("openid", openid).encode())), 90);
  }

  /** Polls node {@code i} (re-polling after PENDING, bounded) until the login completes; returns the session. */
  JsonObject awaitConfirmed(int i, String scene) {
    JsonObject[] body = new JsonObject[1];
    Eventually.await(40, () -> {
      Http.Reply r = poll(i, scene, 5);
      if (r.status() != 200) {
        return false;
      }
      body[0] = r.json();
      return "CONFIRMED".equals(body[0].getString("status"));
    }, "the browser's poll of " + scene.substring(0, 8) + " on " + nodeId(i) + " completes the login");
    return body[0];
  }

  /** The session token works on every node. */
  void assertSessionWorks(String token) {
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).alive()) {
        continue;
      }
      Http.Reply me = http.send(HttpRequest.newBuilder(URI.create(node(i) + "/api/session"))
          .header("Authorization", "Bearer " + token).GET(), 10);
      assertEquals(200, me.status(), "the session works on " + nodeId(i) + ": " + me);
    }
  }

  /** Whole login: QR on node {@code browserNode}, poll parked, scan, poll answers CONFIRMED; returns the token. */
  String login(int browserNode, String openid) {
    JsonObject qr = newQr(browserNode);
    String scene = qr.getString("scene");
    CompletableFuture<Http.Reply> held = pollAsync(browserNode, scene, 25);
    awaitParked(scene, browserNode);
    JsonObject scan = scan(qr.getString("qrContent"), openid);
    assertTrue(List.of(NEW_USER, RETURNING_USER).contains(says(scan)), "logged in: " + scan);
    Http.Reply r = Http.join(held);
    JsonObject body = r.status() == 200 && "CONFIRMED".equals(r.json().getString("status")) ? r.json()
        : awaitConfirmed(browserNode, scene);
    return body.getJsonObject("session").getString("token");
  }
}
