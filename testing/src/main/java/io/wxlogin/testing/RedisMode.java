package io.wxlogin.testing;

/** Which Redis a {@link WxCluster} runs on; the value is what {@code REDIS_MODE} is set to. */
public enum RedisMode {
  /** One redis-server. */
  STANDALONE("standalone"),
  /** A three-master Redis Cluster ({@link RedisClusterServer}). */
  CLUSTER("cluster");

  private final String envValue;

  RedisMode(String envValue) {
    this.envValue = envValue;
  }

  public String envValue() {
    return envValue;
  }
}
