package io.wxlogin.testing;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.wxlogin.config.Env;
import io.wxlogin.login.LoginNodeConfig;
import io.wxlogin.login.LoginNodeVerticle;
import io.wxlogin.server.Launcher;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One login node of a {@link WxCluster}: its own Vert.x (as if it were its own process) on a real port,
 * configured by the production {@link LoginNodeConfig#from(Env)} from its environment map.
 */
public final class WxNode extends WxServer {

  private final Http http;
  private LoginNodeVerticle verticle;

  WxNode(Map<String, String> env, Http http) {
    super(env);
    this.http = http;
  }

  /** Deploys the node; fails with the configuration's problems or the bind error. */
  void start() {
    LoginNodeConfig config = LoginNodeConfig.from(new Env(env));
    // metrics as LoginNodeMain sets them up (HTTP_SERVER_METRICS=true adds Vert.x's, with their bounded labels)
    PrometheusMeterRegistry registry = Launcher.registry();
    verticle = new LoginNodeVerticle(config, registry);
    vertx = Blocking.deploy(verticle, Launcher.vertx(registry, "true".equals(env.get("HTTP_SERVER_METRICS"))));
  }

  @Override
  public int port() {
    return Integer.parseInt(env.get("HTTP_PORT"));
  }

  /** Where {@code /ready} and {@code /metrics} are served: the node's loopback management port. */
  @Override
  public String managementUrl() {
    return "http://127.0.0.1:" + verticle.managementPort();
  }

  public String nodeId() {
    return env.get("NODE_ID");
  }

  /** The verticle, for what only the node itself knows (parked polls). */
  public LoginNodeVerticle verticle() {
    return verticle;
  }

  /** Starts a stopped node again on the same port with the same environment. */
  public void restart() {
    stop();
    start();
  }

  public int parkedPolls() {
    return verticle.parkedPolls();
  }

  /** Waits (up to 5 s) until the node holds exactly {@code count} parked polls; fails the test otherwise. */
  public void awaitParked(int count) {
    Eventually.within(java.time.Duration.ofSeconds(5), count + " polls parked on " + nodeId()
        + " (has " + parkedPolls() + ")", () -> parkedPolls() == count);
  }

  public Http.Reply get(String path, String... headers) {
    return http.get(url() + path, headers);
  }

  /** {@code POST /api/login/qrcode}; answers the 201 body, fails on any other status. */
  public JsonObject newQr() {
    Http.Reply r = http.send("POST", url() + "/api/login/qrcode", null);
    if (r.status() != 201) {
      throw new IllegalStateException("qrcode on " + nodeId() + ": " + r.status() + " " + r.body());
    }
    return r.json();
  }

  /** {@code GET /api/login/<scene>?wait=<wait>}. */
  public Http.Reply poll(String scene, int wait) {
    return get("/api/login/" + scene + "?wait=" + wait);
  }

  /** The same poll, held while the test goes on. */
  public CompletableFuture<Http.Reply> pollAsync(String scene, int wait) {
    return http.sendAsync("GET", url() + "/api/login/" + scene + "?wait=" + wait, null);
  }

  /** Waits for a held poll's answer (up to 40 s, the longest a poll may be held). */
  public static Http.Reply answer(CompletableFuture<Http.Reply> held) {
    try {
      return held.get(40, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the held poll did not answer: " + e, e);
    }
  }
}
