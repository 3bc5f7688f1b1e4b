package io.wxlogin.e2e;

import io.wxlogin.testing.WxCluster;
import org.junit.jupiter.api.AfterAll;

/**
 * A browser test class on one {@link LoginSite}: its {@code @BeforeAll} calls {@link #startSite} with the site it
 * needs (skipped where there is no Chromium), and the site is closed after the class's last test. The test
 * classes run one after another, so one pair of fields serves them all.
 */
abstract class OnLoginSite {

  static LoginSite site;
  static WxCluster cluster;

  static void startSite(WxCluster.Builder builder) {
    Browser.assumeChromium();
    site = LoginSite.start(builder);
    cluster = site.cluster();
  }

  @AfterAll
  static void closeSite() {
    if (site != null) {
      site.close();
      site = null;
      cluster = null;
    }
  }
}
