package io.wxlogin.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose tests share one {@link WxCluster}, started before the first and closed after the last.
 * Override {@link #system()} to say what to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClusterTest {

  /** The running system, for the class's tests. */
  protected WxCluster cluster;

  /** What this class starts; by default two login nodes on a standalone Redis. */
  protected WxCluster.Builder system() {
    return WxCluster.builder();
  }

  @BeforeAll
  void startCluster() {
    cluster = system().start();
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
