package io.wxlogin.token.testing;

import io.wxlogin.testing.RedisProbe;
import io.wxlogin.testing.RedisServer;
import java.util.Map;

/** A real redis-server of the test's own, and a probe to look into it. */
public final class TestRedis extends RedisProbe {

  private final RedisServer server;

  private TestRedis(RedisServer server) {
    super(server.url(), false);
    this.server = server;
  }

  public static TestRedis start() {
    return new TestRedis(RedisServer.start());
  }

  /** The server, to point replicas at its port or to restart it. */
  public RedisServer server() {
    return server;
  }

  /** The token hash of this test's appid and prefix (empty when none is stored). */
  public Map<String, String> token(TestConfig config) {
    return hgetall(config.keys().token(config.appId));
  }

  @Override
  public void close() {
    super.close();
    server.close();
  }
}
