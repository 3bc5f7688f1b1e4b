package io.wxlogin.testing;

import io.vertx.core.json.JsonObject;
import io.wxlogin.config.Env;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on loopback, as scripts/run-local.sh starts it: a real Redis (standalone or a
 * three-master cluster), the wechat-sandbox, a token-server and N login nodes, each server in its own
 * Vert.x as if it were its own process, each configured from an environment map by the production parsers.
 * The sandbox's identity is handed to the servers under the production names (WECHAT_APP_ID, ...), and it
 * delivers WeChat's callbacks to the last node, so a browser on node 0 logs in across nodes.
 *
 * <pre>{@code
 * try (WxCluster c = WxCluster.builder().nodes(2).redisMode(RedisMode.CLUSTER).start()) {
 *   JsonObject qr = c.node(0).newQr();
 *   c.scan(qr.getString("qrContent"), "o_user", null);
 *   c.node(0).poll(qr.getString("scene"), 0);
 * }
 * }</pre>
 */
public final class WxCluster implements AutoCloseable {

  private static final int BIND_ATTEMPTS = 3;

  private final Builder spec;
  private final AutoCloseable redisServer;
  private final String redisUrl;
  private final RedisProbe store;
  private final Http http = new Http();
  private final List<WxNode> nodes = new ArrayList<>();
  private WxSandbox sandbox;
  private WxTokenServer tokenServer;
  private Map<String, String> nodeEnv;

  private WxCluster(Builder spec) {
    this.spec = spec;
    if (spec.mode == RedisMode.CLUSTER) {
      RedisClusterServer server = RedisClusterServer.start();
      redisServer = server;
      redisUrl = server.urls();
    } else {
      RedisServer server = RedisServer.start();
      redisServer = server;
      redisUrl = server.url();
    }
    store = new RedisProbe(redisUrl, spec.mode == RedisMode.CLUSTER);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What to start; every env map is parsed by the production configuration reader of that server. */
  public static final class Builder {

    private int nodeCount = 2;
    private RedisMode mode = RedisMode.STANDALONE;
    private final Map<String, String> nodeEnv = new LinkedHashMap<>();
    private final Map<String, String> tokenServerEnv = new LinkedHashMap<>();
    private final Map<String, String> sandboxEnv = new LinkedHashMap<>();
    private boolean awaitReady = true;

    private Builder() {
    }

    /** How many login nodes (default 2). */
    public Builder nodes(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("at least one login node");
      }
      this.nodeCount = count;
      return this;
    }

    public Builder redisMode(RedisMode mode) {
      this.mode = mode;
      return this;
    }

    /** A variable every login node gets; wins over the fixture's own values. */
    public Builder nodeEnv(String name, String value) {
      nodeEnv.put(name, value);
      return this;
    }

    public Builder tokenServerEnv(String name, String value) {
      tokenServerEnv.put(name, value);
      return this;
    }

    /** A {@code SANDBOX_*} variable; {@code SANDBOX_AES_KEY} also gives the nodes that key (safe mode). */
    public Builder sandboxEnv(String name, String value) {
      sandboxEnv.put(name, value);
      return this;
    }

    /**
     * Whether {@link #start()} waits until every node's {@code /ready} is 200 (the token-server has stored a
     * token); default true. Turn it off to start a system that is meant not to become ready.
     */
    public Builder awaitReady(boolean await) {
      this.awaitReady = await;
      return this;
    }

    /** Starts everything; a port picked as free but taken meanwhile is retried on fresh ports. */
    public WxCluster start() {
      WxCluster cluster = new WxCluster(this);
      for (int attempt = 1; ; attempt++) {
        try {
          cluster.startServers();
          return cluster;
        } catch (RuntimeException e) {
          cluster.stopServers();
          if (attempt == BIND_ATTEMPTS || !String.valueOf(e.getMessage()).contains("BindException")) {
            cluster.close();
            throw e;
          }
        }
      }
    }
  }

  private void startServers() {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < spec.nodeCount; i++) {
      ports.add(RedisServer.freePort());
    }
    Map<String, String> sandboxEnv = new LinkedHashMap<>();
    sandboxEnv.put("HTTP_PORT", "0");
    sandboxEnv.put("SANDBOX_CALLBACK_URL", "http://127.0.0.1:" + ports.get(ports.size() - 1) + "/wechat/callback");
    sandboxEnv.putAll(spec.sandboxEnv);
    sandbox = new WxSandbox(SandboxConfig.from(new Env(sandboxEnv)), http);
    SandboxConfig identity = sandbox.config();

    Map<String, String> base = new LinkedHashMap<>();
    base.put("REDIS_URL", redisUrl);
    base.put("REDIS_MODE", spec.mode.envValue());
    base.put("WECHAT_APP_ID", identity.appId());
    base.put("WECHAT_API_BASE", sandbox.url());
    tokenServer = new WxTokenServer(tokenEnv(base, identity));

    nodeEnv = new LinkedHashMap<>(base);
    nodeEnv.put("WECHAT_TOKEN", identity.token());
    nodeEnv.put("WECHAT_QR_IMAGE_BASE", sandbox.url() + "/cgi-bin/showqrcode");
    nodeEnv.put("POLL_WAIT_MAX_SECONDS", "30");
    nodeEnv.put("MANAGEMENT_PORT", "0");
    if (identity.aesKey() != null) {
      nodeEnv.put("WECHAT_AES_KEY", identity.aesKey());
    }
    nodeEnv.putAll(spec.nodeEnv);
    for (int i = 0; i < spec.nodeCount; i++) {
      WxNode node = new WxNode(nodeEnv(i, ports.get(i)), http);
      nodes.add(node);
      node.start();
    }
    if (spec.awaitReady) {
      awaitReady();
    }
  }

  private Map<String, String> tokenEnv(Map<String, String> base, SandboxConfig identity) {
    Map<String, String> env = new LinkedHashMap<>(base);
    env.put("HTTP_PORT", "0");
    env.put("WECHAT_APP_SECRET", identity.appSecret());
    env.put("TOKEN_SERVER_ID", "token-test");
    env.put("MANAGEMENT_PORT", "0");
    env.putAll(spec.tokenServerEnv);
    return env;
  }

  private Map<String, String> nodeEnv(int index, int port) {
    Map<String, String> env = new LinkedHashMap<>(nodeEnv);
    String id = spec.nodeEnv.get("NODE_ID");
    env.put("NODE_ID", id == null ? "node-" + (char) ('a' + index) : spec.nodeCount == 1 ? id : id + "-" + index);
    env.put("HTTP_PORT", String.valueOf(port));
    return env;
  }

  private void awaitReady() {
    for (WxNode node : nodes) {
      Eventually.within(Duration.ofSeconds(15), node.nodeId() + " ready (an access_token stored)",
          () -> http.get(node.managementUrl() + "/ready").status() == 200);
    }
  }

  private void stopServers() {
    nodes.forEach(WxNode::stop);
    nodes.clear();
    if (tokenServer != null) {
      tokenServer.stop();
      tokenServer = null;
    }
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }

  public RedisMode redisMode() {
    return spec.mode;
  }

  /** The standalone redis-server (restartable); in cluster mode use {@link #redisCluster()}. */
  public RedisServer redis() {
    if (redisServer instanceof RedisServer s) {
      return s;
    }
    throw new IllegalStateException("this WxCluster runs on a Redis Cluster: use redisCluster() or store()");
  }

  public RedisClusterServer redisCluster() {
    if (redisServer instanceof RedisClusterServer s) {
      return s;
    }
    throw new IllegalStateException("this WxCluster runs on a standalone Redis: use redis() or store()");
  }

  /** The {@code REDIS_URL} the servers were given (comma-separated nodes in cluster mode). */
  public String redisUrl() {
    return redisUrl;
  }

  /** A client reading and writing the system's Redis from the test thread, in either mode. */
  public RedisProbe store() {
    return store;
  }

  /** The key names the servers use (default prefix, hash tags in cluster mode). */
  public RedisKeys keys() {
    return new RedisKeys("wxlogin:", spec.mode == RedisMode.CLUSTER);
  }

  public WxSandbox sandbox() {
    return sandbox;
  }

  public WxTokenServer tokenServer() {
    return tokenServer;
  }

  public WxNode node(int index) {
    return nodes.get(index);
  }

  public List<WxNode> nodes() {
    return List.copyOf(nodes);
  }

  public Http http() {
    return http;
  }

  /** The login nodes' environment without NODE_ID and HTTP_PORT: what a {@code java -jar} child needs. */
  public Map<String, String> env() {
    return Map.copyOf(nodeEnv);
  }

  /**
   * Plays the user's phone: {@code POST /sandbox/scan}; answers the sandbox's JSON report (event, the node's
   * HTTP status and reply). {@code follower} null lets the sandbox decide (a first scan subscribes).
   */
  public JsonObject scan(String qrContent, String openid, Boolean follower) {
    JsonObject body = new JsonObject().put("qrContent", qrContent).put("openid", openid);
    if (follower != null) {
      body.put("follower", follower);
    }
    return sandbox.post("/sandbox/scan", body).json();
  }

  @Override
  public void close() {
    stopServers();
    store.close();
    try {
      redisServer.close();
    } catch (Exception ignored) {
      // the processes are killed forcibly; nothing else to release
    }
  }
}
