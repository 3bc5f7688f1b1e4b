package io.wxlogin.token.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wxlogin.token.store.StoredToken;
import org.junit.jupiter.api.Test;

class RefreshPlanTest {

  private static final long NOW = 1_700_000_000_000L;

  @Test
  void aTokenIsRefreshedTheConfiguredLeadTimeBeforeItExpires() {
    StoredToken t = new StoredToken("T", NOW + 7_200_000, NOW, "a");
    assertEquals(7_200_000 - 300_000, RefreshPlan.delayMs(t, false, 300_000, NOW));
  }

  @Test
  void aTokenShorterThanTheLeadTimeIsRefreshedHalfwayThroughItsLife() {
    StoredToken t = new StoredToken("T", NOW + 200_000, NOW, "a");
    assertEquals(100_000, RefreshPlan.delayMs(t, false, 300_000, NOW));
  }

  @Test
  void noTokenOrAnOverdueOneIsRefreshedAtOnce() {
    assertEquals(0, RefreshPlan.delayMs(null, false, 300_000, NOW));
    StoredToken t = new StoredToken("T", NOW + 60_000, NOW - 7_140_000, "a");
    assertEquals(0, RefreshPlan.delayMs(t, false, 300_000, NOW));
  }

  @Test
  void anUnchangedStableTokenIsLookedAtAgainWhenHalfOfWhatRemainsIsGone() {
    StoredToken t = new StoredToken("T", NOW + 280_000, NOW - 6_920_000, "a");
    assertEquals(140_000, RefreshPlan.delayMs(t, true, 300_000, NOW));
    StoredToken almostGone = new StoredToken("T", NOW + 500, NOW - 7_000_000, "a");
    assertEquals(RefreshPlan.MIN_RECHECK_MS, RefreshPlan.delayMs(almostGone, true, 300_000, NOW));
  }
}
