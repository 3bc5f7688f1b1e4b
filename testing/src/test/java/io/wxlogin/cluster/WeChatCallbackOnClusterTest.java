package io.wxlogin.cluster;

import io.wxlogin.testing.RedisMode;

/** WeChatCallback's scenarios on a three-master Redis Cluster. */
class WeChatCallbackOnClusterTest extends WeChatCallback {

  @Override
  RedisMode redisMode() {
    return RedisMode.CLUSTER;
  }
}
