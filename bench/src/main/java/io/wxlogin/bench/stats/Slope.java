package io.wxlogin.bench.stats;

import java.util.List;

/** Least-squares line through (x, y) points: how much y grows per unit of x, e.g. bytes of heap per held poll. */
public record Slope(double perUnit, double intercept, double r2) {

  public record Point(double x, double y) {
  }

  public static Slope fit(List<Point> points) {
    int n = points.size();
    if (n < 2) {
      throw new IllegalArgumentException("a slope needs at least two points");
    }
    double mx = points.stream().mapToDouble(Point::x).average().orElseThrow();
    double my = points.stream().mapToDouble(Point::y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (Point p : points) {
      sxy += (p.x() - mx) * (p.y() - my);
      sxx += (p.x() - mx) * (p.x() - mx);
      syy += (p.y() - my) * (p.y() - my);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("all points have the same x");
    }
    double slope = sxy / sxx;
    double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
    return new Slope(slope, my - slope * mx, r2);
  }
}
