package io.wxlogin.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlopeTest {

  @Test
  void memoryGrowingTenKilobytesPerPollHasThatSlope() {
    Slope s = Slope.fit(List.of(new Slope.Point(0, 50_000_000), new Slope.Point(9_000, 50_000_000 + 9_000 * 10_240.0),
        new Slope.Point(18_000, 50_000_000 + 18_000 * 10_240.0)));
    assertEquals(10_240, s.perUnit(), 1e-6);
    assertEquals(50_000_000, s.intercept(), 1e-3);
    assertEquals(1, s.r2(), 1e-12);
  }

  @Test
  void noisyPointsGiveTheLeastSquaresLine() {
    Slope s = Slope.fit(List.of(new Slope.Point(0, 1), new Slope.Point(1, 3), new Slope.Point(2, 2), new Slope.Point(3, 4)));
    assertEquals(0.8, s.perUnit(), 1e-9);
    assertEquals(1.3, s.intercept(), 1e-9);
  }

  @Test
  void aSlopeNeedsTwoDifferentXs() {
    assertThrows(IllegalArgumentException.class, () -> Slope.fit(List.of(new Slope.Point(1, 1))));
    assertThrows(IllegalArgumentException.class, () -> Slope.fit(List.of(new Slope.Point(1, 1), new Slope.Point(1, 2))));
  }
}
