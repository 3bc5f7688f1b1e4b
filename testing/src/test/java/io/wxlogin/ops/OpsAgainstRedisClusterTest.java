package io.wxlogin.ops;

import io.wxlogin.testing.RedisMode;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every ops command against the system on a three-master Redis Cluster ({@code REDIS_MODE=cluster}): the
 * listings must scan every master, and a revocation reach sessions in every slot.
 */
class OpsAgainstRedisClusterTest extends OpsAgainstRunningClusterTest {

  /** Hides the standalone start, so only this one runs (JUnit does not run a hidden {@code @BeforeAll}). */
  @BeforeAll
  static void start() {
    startOn(RedisMode.CLUSTER);
  }
}
