package io.wxlogin.cluster;

import io.wxlogin.testing.RedisMode;

/** WeChatCallback's scenarios on a standalone Redis. */
class WeChatCallbackOnStandaloneTest extends WeChatCallback {

  @Override
  RedisMode redisMode() {
    return RedisMode.STANDALONE;
  }
}
