package io.wxlogin.token.testing;

import io.vertx.core.Vertx;
import io.wxlogin.testing.Http;
import io.wxlogin.token.TokenServerConfig;
import io.wxlogin.token.TokenServerVerticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * One token-server replica as its own process would be: its own Vert.x, and its own path to Redis through
 * a {@link RedisProxy} so it can be crashed ({@link #kill()}) as well as stopped ({@link #stop()}).
 */
public final class Replica implements AutoCloseable {

  private static final Http HTTP = new Http();

  private final String id;
  private final Vertx vertx;
  private final RedisProxy proxy;
  private final TokenServerVerticle verticle;
  private boolean closed;

  private Replica(String id, Vertx vertx, RedisProxy proxy, TokenServerVerticle verticle) {
    this.id = id;
    this.vertx = vertx;
    this.proxy = proxy;
    this.verticle = verticle;
  }

  public static Replica start(TestConfig config, int redisPort, String id) {
    RedisProxy proxy;
    try {
      proxy = new RedisProxy(redisPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TokenServerConfig c = config.build(proxy.url(), id);
    Vertx vertx = Vertx.vertx();
    TokenServerVerticle verticle = new TokenServerVerticle(c);
    try {
      vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      proxy.close();
      throw new IllegalStateException("replica " + id + " did not start", e);
    }
    return new Replica(id, vertx, proxy, verticle);
  }

  public String id() {
    return id;
  }

  public int port() {
    return verticle.actualPort();
  }

  /** The management port: /ready, /metrics, /api/tokens (and /health). */
  public int managementPort() {
    return verticle.managementPort();
  }

  /** A GET on the management port, where everything an operator reads is served. */
  public Http.Reply get(String path) {
    return HTTP.get("http://127.0.0.1:" + managementPort() + path);
  }

  /** A GET on the public port, which serves /health only. */
  public Http.Reply getPublic(String path) {
    return HTTP.get("http://127.0.0.1:" + port() + path);
  }

  /** A crash: Redis loses this replica mid-sentence (no lease release arrives), then the process ends. */
  public void kill() {
    if (!closed) {
      closed = true;
      proxy.cut();
      await(vertx);
    }
  }

  /** A graceful stop (SIGTERM): stop() runs with Redis reachable and hands the lease back. */
  public void stop() {
    if (!closed) {
      closed = true;
      await(vertx);
      proxy.close();
    }
  }

  private static void await(Vertx vertx) {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
