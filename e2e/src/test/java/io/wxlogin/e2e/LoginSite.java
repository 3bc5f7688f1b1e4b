package io.wxlogin.e2e;

import io.wxlogin.testing.WxCluster;

/**
 * The system as a user's browser reaches it: a {@link WxCluster} and the one URL users open. Each test
 * class starts one and configures it through {@link #builder()}.
 */
final class LoginSite implements AutoCloseable {

  private final WxCluster cluster;

  private LoginSite(WxCluster cluster) {
    this.cluster = cluster;
  }

  /** Two login nodes, the sandbox, a token-server and Redis, as run-local starts them. */
  static WxCluster.Builder builder() {
    return WxCluster.builder().nodes(2);
  }

  static LoginSite start(WxCluster.Builder builder) {
    return new LoginSite(builder.start());
  }

  WxCluster cluster() {
    return cluster;
  }

  /** Where users open the page (no trailing slash). */
  String url() {
    return cluster.node(0).url();
  }

  @Override
  public void close() {
    cluster.close();
  }
}
