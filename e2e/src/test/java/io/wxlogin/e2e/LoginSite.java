package io.wxlogin.e2e;

import io.wxlogin.testing.RedisServer;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.util.function.Function;

/**
 * The system as a user's browser reaches it, in the production topology: a {@link WxCluster} behind the
 * real nginx running deploy/nginx.conf. Browsers and the sandbox's WeChat callbacks both go through nginx
 * (round robin), and the nodes trust its X-Forwarded-For, as in run-local and docker-compose.
 */
final class LoginSite implements AutoCloseable {

  private final WxCluster cluster;
  private final Nginx nginx;

  private LoginSite(WxCluster cluster, Nginx nginx) {
    this.cluster = cluster;
    this.nginx = nginx;
  }

  /** Two login nodes, the sandbox, a token-server and Redis, as run-local starts them. */
  static WxCluster.Builder builder() {
    return WxCluster.builder().nodes(2);
  }

  static LoginSite start(WxCluster.Builder builder) {
    return start(url -> builder);
  }

  /** For a system that must know its public URL before it starts (OIDC_ISSUER): the builder is made from it. */
  static LoginSite start(Function<String, WxCluster.Builder> configure) {
    int port = RedisServer.freePort();
    String url = "http://127.0.0.1:" + port;
    WxCluster cluster = configure.apply(url).nodeEnv("TRUSTED_PROXIES", "127.0.0.1/32")
        .sandboxEnv("SANDBOX_CALLBACK_URL", url + "/wechat/callback").start();
    try {
      return new LoginSite(cluster, Nginx.start(port, cluster.nodes().stream().map(WxNode::port).toList()));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  WxCluster cluster() {
    return cluster;
  }

  /** Where users open the page: nginx (no trailing slash). */
  String url() {
    return nginx.url();
  }

  @Override
  public void close() {
    try {
      nginx.close();
    } finally {
      cluster.close();
    }
  }
}
