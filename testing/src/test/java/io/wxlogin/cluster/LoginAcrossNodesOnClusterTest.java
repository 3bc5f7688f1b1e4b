package io.wxlogin.cluster;

import io.wxlogin.testing.RedisMode;

/** LoginAcrossNodes's scenarios on a three-master Redis Cluster. */
class LoginAcrossNodesOnClusterTest extends LoginAcrossNodes {

  @Override
  RedisMode redisMode() {
    return RedisMode.CLUSTER;
  }
}
