package io.wxlogin.cluster;

import io.wxlogin.testing.RedisMode;

/** LoginAcrossNodes's scenarios on a standalone Redis. */
class LoginAcrossNodesOnStandaloneTest extends LoginAcrossNodes {

  @Override
  RedisMode redisMode() {
    return RedisMode.STANDALONE;
  }
}
