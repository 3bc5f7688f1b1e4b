package io.wxlogin.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code java -cp bench.jar io.wxlogin.bench.report.JfrSummary node.jfr…}: where a login node's CPU went,
 * from the execution samples of a JFR recording (scripts/bench.sh records one with BENCH_JFR=1): the share
 * of samples by area (first match in the stack wins), the hottest frames, and the GC pauses.
 */
public final class JfrSummary {

  /** Stack-frame prefixes that name an area of work, in the order they are tried. */
  private static final Map<String, List<String>> AREAS = new LinkedHashMap<>();

  static {
    AREAS.put("Micrometer meters (vertx-micrometer per-request metrics)", List.of("io.micrometer."));
    AREAS.put("XML (Jackson XML / Woodstox)", List.of("com.fasterxml.jackson.dataformat.xml.", "com.ctc.wstx."));
    AREAS.put("WeChat API client (qrcode/create to the sandbox)", List.of("io.wxlogin.wechat.WeChatApi", "io.vertx.ext.web.client."));
    AREAS.put("Redis client", List.of("io.vertx.redis."));
    AREAS.put("JSON (Jackson databind)", List.of("com.fasterxml.jackson.", "io.vertx.core.json."));
    AREAS.put("vertx-web routing and body handling", List.of("io.vertx.ext.web."));
    AREAS.put("HTTP server / Netty I/O", List.of("io.vertx.core.http.", "io.netty."));
  }

  private JfrSummary() {
  }

  public static void main(String[] args) throws IOException {
    for (String file : args) {
      System.out.println(summarise(Path.of(file)));
    }
  }

  static String summarise(Path file) throws IOException {
    Map<String, Integer> areas = new LinkedHashMap<>();
    Map<String, Integer> self = new TreeMap<>();
    Map<String, Integer> inclusive = new TreeMap<>();
    int samples = 0;
    int gcs = 0;
    Duration gcTotal = Duration.ZERO;
    Duration gcLongest = Duration.ZERO;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.GarbageCollection")) {
        gcs++;
        Duration pause = e.getDuration("sumOfPauses");
        gcTotal = gcTotal.plus(pause);
        if (pause.compareTo(gcLongest) > 0) {
          gcLongest = pause;
        }
      } else if (type.equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
        List<String> frames = e.getStackTrace().getFrames().stream().map(JfrSummary::name).toList();
        if (frames.isEmpty()) {
          continue;
        }
        samples++;
        self.merge(frames.get(0), 1, Integer::sum);
        Set<String> seen = new HashSet<>(frames);
        seen.forEach(f -> inclusive.merge(f, 1, Integer::sum));
        areas.merge(area(frames), 1, Integer::sum);
      }
    }
    StringBuilder out = new StringBuilder("== " + file + ": " + samples + " execution samples\n-- by area:\n");
    int n = Math.max(1, samples);
    top(areas, 20).forEach((k, v) -> out.append(String.format("  %5.1f%%  %s%n", v * 100.0 / n, k)));
    out.append("-- hottest frames (self):\n");
    top(self, 15).forEach((k, v) -> out.append(String.format("  %5.1f%%  %s%n", v * 100.0 / n, k)));
    out.append("-- io.wxlogin frames (inclusive):\n");
    top(inclusive.entrySet().stream().filter(x -> x.getKey().startsWith("io.wxlogin."))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), 12)
        .forEach((k, v) -> out.append(String.format("  %5.1f%%  %s%n", v * 100.0 / n, k)));
    out.append(String.format("-- GC: %d collections, %d ms paused in all, longest %d ms%n", gcs, gcTotal.toMillis(),
        gcLongest.toMillis()));
    return out.toString();
  }

  private static String area(List<String> frames) {
    for (Map.Entry<String, List<String>> a : AREAS.entrySet()) {
      for (String f : frames) {
        for (String prefix : a.getValue()) {
          if (f.startsWith(prefix)) {
            return a.getKey();
          }
        }
      }
    }
    return "other (JDK, Vert.x core, login-node code)";
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static Map<String, Integer> top(Map<String, Integer> counts, int limit) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }
}
