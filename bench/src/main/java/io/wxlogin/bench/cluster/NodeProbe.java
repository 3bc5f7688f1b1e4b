package io.wxlogin.bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a login node says about itself on {@code /metrics} (its management port; a build without one serves it
 * on the public port), and a full GC on request (jcmd), for memory slopes.
 */
public final class NodeProbe {

  // HTTP/1.1: by default the JDK client offers an h2c upgrade, which the Vert.x server accepts, and now and
  // then such a connection never answered (the request timeout did not fire either; seen as a hung bench)
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final String host;
  private final int publicPort;
  private final long pid;
  private volatile int port;

  public NodeProbe(String name, String host, int managementPort, int publicPort, long pid) {
    this.name = name;
    this.host = host;
    this.port = managementPort;
    this.publicPort = publicPort;
    this.pid = pid;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return pid;
  }

  /** Heap in use, summed over the heap pools, as the node's Prometheus endpoint reports it. */
  public double heapUsedBytes() {
    return sum(metrics(), "jvm_memory_used_bytes{", "area=\"heap\"");
  }

  /** The node's own count of long-polls it holds now. */
  public double parkedPolls() {
    return sum(metrics(), "wxlogin_polls_parked", "");
  }

  /** GC pauses since the node started: {count, seconds}, summed over collectors. */
  public double[] gcPauses() {
    String text = metrics();
    return new double[] {sum(text, "jvm_gc_pause_seconds_count", ""), sum(text, "jvm_gc_pause_seconds_sum", "")};
  }

  public long rssBytes() {
    return ProcStats.rssBytes(pid);
  }

  /** A full collection, so the heap figure that follows is what is live, not what is yet to be collected. */
  public void fullGc() {
    try {
      Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      throw new IllegalStateException("jcmd is needed for memory figures (it comes with the JDK): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String metrics() {
    try {
      return metrics(port);
    } catch (IllegalStateException e) {
      if (port == publicPort || !(e.getCause() instanceof ExecutionException x && x.getCause() instanceof java.net.ConnectException)) {
        throw e;
      }
      System.err.println("[bench] " + name + " has no management port " + port + ": reading /metrics on " + publicPort);
      port = publicPort;
      return metrics(port);
    }
  }

  private String metrics(int port) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
          .timeout(Duration.ofSeconds(20)).build();
      return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS).body();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read /metrics of " + name + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sums the samples of a metric whose line starts with {@code prefix} and contains {@code label}. */
  static double sum(String prometheusText, String prefix, String label) {
    double total = 0;
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith(prefix) && line.contains(label)) {
        String value = line.substring(line.lastIndexOf(' ') + 1);
        total += Double.parseDouble(value);
      }
    }
    return total;
  }
}
