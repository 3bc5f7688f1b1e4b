package io.wxlogin.token.testing;

/** Reads one value out of a replica's Prometheus text. */
public final class Metrics {

  private Metrics() {
  }

  /** The sum of every sample of {@code name} whose labels contain each of {@code labels} (e.g. {@code api="stable"}). */
  public static double sum(Replica replica, String name, String... labels) {
    String text = replica.get("/metrics").body();
    double sum = 0;
    for (String line : text.lines().toList()) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        boolean all = true;
        for (String l : labels) {
          all &= line.contains(l);
        }
        if (all) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }
}
