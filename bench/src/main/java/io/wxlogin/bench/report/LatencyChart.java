package io.wxlogin.bench.report;

import io.wxlogin.bench.stats.Latency;
import java.util.Locale;
import java.util.Map;

/**
 * The notify-latency distribution of each polling strategy as an SVG percentile plot: x is the
 * percentile on a log scale of 1/(1−p) (50 %, 90 %, 99 %, 99.9 %, 99.99 %), y the latency on a log scale.
 * Written by hand so the bench needs no plotting tool.
 */
public final class LatencyChart {

  private static final int W = 760;
  private static final int H = 440;
  private static final int LEFT = 80;
  private static final int RIGHT = 150;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final double MAX_NINES = 4; // 99.99 %
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

  private LatencyChart() {
  }

  public static String svg(String title, Map<String, Latency> series) {
    double lowUs = Double.MAX_VALUE;
    double highUs = 1;
    for (Latency l : series.values()) {
      if (l.count() > 0) {
        lowUs = Math.min(lowUs, Math.max(1, l.percentileMicros(0)));
        highUs = Math.max(highUs, l.maxMicros());
      }
    }
    if (lowUs == Double.MAX_VALUE) {
      lowUs = 1;
    }
    double yMin = Math.floor(Math.log10(lowUs));
    double yMax = Math.max(yMin + 1, Math.ceil(Math.log10(highUs)));
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
    for (double e = yMin; e <= yMax; e++) {
      double y = y(e, yMin, yMax);
      s.append(line(LEFT, y, W - RIGHT, y, "#ddd"));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
          LEFT - 6, y + 4, microsLabel(Math.pow(10, e))));
    }
    String[] xLabels = {"0%", "50%", "90%", "99%", "99.9%", "99.99%"};
    double[] xNines = {0, Math.log10(2), 1, 2, 3, 4};
    for (int i = 0; i < xLabels.length; i++) {
      double x = x(xNines[i]);
      s.append(line(x, TOP, x, H - BOTTOM, "#ddd"));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x, H - BOTTOM + 18, xLabels[i]));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
        LEFT + (W - LEFT - RIGHT) / 2, H - 18));
    s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" transform=\"rotate(-90 18 %d)\" "
        + "text-anchor=\"middle\">callback sent → poll answered CONFIRMED</text>%n", TOP + (H - TOP - BOTTOM) / 2,
        TOP + (H - TOP - BOTTOM) / 2));
    int i = 0;
    for (Map.Entry<String, Latency> e : series.entrySet()) {
      String colour = COLOURS[i % COLOURS.length];
      Latency l = e.getValue();
      if (l.count() > 0) {
        StringBuilder points = new StringBuilder();
        for (int k = 0; k <= MAX_NINES * 25; k++) {
          double nines = k / 25.0;
          double percentile = 100 * (1 - Math.pow(10, -nines));
          double us = Math.max(1, l.percentileMicros(percentile));
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(nines), y(Math.log10(us), yMin, yMax)));
        }
        s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
            colour, points.toString().strip()));
      }
      double ly = TOP + 20 + i * 36;
      s.append(line(W - RIGHT + 12, ly, W - RIGHT + 36, ly, colour).replace("stroke-width=\"1\"", "stroke-width=\"3\""));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">%s</text>%n", W - RIGHT + 42, ly + 4, escape(e.getKey())));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"#555\">p50 %s · n=%d</text>%n",
          W - RIGHT + 42, ly + 18, microsLabel(l.percentileMicros(50)), l.count()));
      i++;
    }
    s.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#000")).append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#000"));
    s.append("</svg>\n");
    return s.toString();
  }

  /** {@code LatencyChart results.json chart.svg}: draws the chart again from a results file's histograms. */
  public static void main(String[] args) throws java.io.IOException {
    io.vertx.core.json.JsonObject results = new io.vertx.core.json.JsonObject(
        java.nio.file.Files.readString(java.nio.file.Path.of(args[0])));
    io.vertx.core.json.JsonObject latency = results.getJsonObject("latency");
    io.vertx.core.json.JsonObject options = results.getJsonObject("options");
    Map<String, Latency> series = new java.util.LinkedHashMap<>();
    if (latency.getJsonObject("longpoll", new io.vertx.core.json.JsonObject()).containsKey("histogram")) {
      series.put("long-poll (wait=" + options.getString("wait-seconds") + ")",
          Latency.decode(latency.getJsonObject("longpoll").getString("histogram")));
    }
    if (latency.getJsonObject("interval", new io.vertx.core.json.JsonObject()).containsKey("histogram")) {
      series.put("interval (1 s, wait=0)", Latency.decode(latency.getJsonObject("interval").getString("histogram")));
    }
    java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), svg(title(options.getString("latency-rate"),
        options.getString("pending")), series));
  }

  public static String title(String rate, String pending) {
    return "Notify latency at " + rate + " logins/s, " + pending + " polls pending";
  }

  private static double x(double nines) {
    return LEFT + nines / MAX_NINES * (W - LEFT - RIGHT);
  }

  private static double y(double log10us, double yMin, double yMax) {
    return H - BOTTOM - (log10us - yMin) / (yMax - yMin) * (H - TOP - BOTTOM);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n",
        x1, y1, x2, y2, colour);
  }

  static String microsLabel(double us) {
    if (us >= 1_000_000) {
      return trim(us / 1_000_000) + " s";
    }
    if (us >= 1_000) {
      return trim(us / 1_000) + " ms";
    }
    return trim(us) + " µs";
  }

  private static String trim(double v) {
    return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
