package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wxlogin.testing.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real nginx ({@code /usr/sbin/nginx}) running the shipped {@code deploy/nginx.conf} in a temporary
 * prefix of its own, exactly as scripts/lib/cluster.sh renders it for run-local: the one {@code listen 8080;}
 * line moved to a loopback port, and the upstream's server lines ({@code wxlogin-upstream.conf}) naming the
 * login nodes. Its access log (stdout) and error log (stderr) are files in that prefix. {@link #close()}
 * stops the master and every worker, also when a test failed (a JVM exit does the same), and keeps both
 * logs under {@code target/nginx/}.
 *
 * <p>Without nginx installed the test is skipped (a JUnit assumption), like the Redis tests without
 * redis-server; CI installs it.
 */
public final class Nginx implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/sbin/nginx");
  private static final String LISTEN_LINE = "    listen 8080;";

  private final Path prefix;
  private final int port;
  private final Process process;
  private final Thread onExit = new Thread(this::stop);

  private Nginx(Path prefix, int port, Process process) {
    this.prefix = prefix;
    this.port = port;
    this.process = process;
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /** nginx on a free loopback port in front of the login nodes listening on {@code upstreamPorts}. */
  public static Nginx start(List<Integer> upstreamPorts) {
    return start(RedisServer.freePort(), upstreamPorts);
  }

  /** The same on a chosen port (e.g. one already handed to the sandbox as its callback URL). */
  public static Nginx start(int port, List<Integer> upstreamPorts) {
    assumeTrue(Files.isExecutable(BINARY), "nginx is not installed (apt-get install nginx)");
    try {
      Path prefix = Files.createTempDirectory("wxlogin-nginx-");
      Files.writeString(prefix.resolve("nginx.conf"), rendered(port));
      Files.writeString(prefix.resolve("wxlogin-upstream.conf"), upstreamPorts.stream()
          .map(p -> "server 127.0.0.1:" + p + ";\n").collect(Collectors.joining()));
      Process p = new ProcessBuilder(BINARY.toString(), "-p", prefix.toString(), "-c",
          prefix.resolve("nginx.conf").toString(), "-e", "stderr",
          "-g", "daemon off; pid " + prefix.resolve("nginx.pid") + ";")
          .redirectOutput(prefix.resolve("access.log").toFile())
          .redirectError(prefix.resolve("error.log").toFile())
          .start();
      Nginx nginx = new Nginx(prefix, port, p);
      nginx.awaitListening();
      return nginx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** deploy/nginx.conf with its listen line moved to {@code 127.0.0.1:port}; fails if that line moved. */
  static String rendered(int port) throws IOException {
    String conf = Files.readString(Repo.file("deploy/nginx.conf"));
    long lines = conf.lines().filter(LISTEN_LINE::equals).count();
    if (lines != 1) {
      throw new IllegalStateException("deploy/nginx.conf must have exactly one '" + LISTEN_LINE.strip()
          + "' line (scripts/lib/cluster.sh and this fixture move it), found " + lines);
    }
    return conf.replace(LISTEN_LINE + "\n", "    listen 127.0.0.1:" + port + ";\n");
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String log = errorLog();
        stop();
        throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + log);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    stop();
    throw new IllegalStateException("nginx did not listen on " + port + " within 15 s: " + errorLog());
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The access log's lines so far (one JSON object each). */
  public List<String> accessLog() {
    return lines("access.log");
  }

  public String errorLog() {
    return String.join("\n", lines("error.log"));
  }

  private List<String> lines(String file) {
    try {
      return Files.readAllLines(prefix.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until nginx has written at least {@code count} access-log lines (it writes after each answer). */
  public List<String> awaitAccessLog(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> lines = accessLog();
    while (lines.size() < count && System.nanoTime() < deadline) {
      sleep(20);
      lines = accessLog();
    }
    return lines;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing left to remove
    }
  }

  /** SIGTERM (nginx's fast shutdown), then SIGKILL to the master and to any worker still alive. */
  private synchronized void stop() {
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    keepLogsAndDelete();
  }

  /** The logs go to target/nginx/ (for a failed test's reader); the prefix itself is removed. */
  private void keepLogsAndDelete() {
    if (!Files.exists(prefix)) {
      return;
    }
    try {
      Path kept = Files.createDirectories(Path.of("target", "nginx"));
      for (String log : List.of("access.log", "error.log")) {
        Files.copy(prefix.resolve(log), kept.resolve(port + "-" + log), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException ignored) {
      // the logs are a courtesy; the test's own assertions carry what matters
    }
    try (Stream<Path> files = Files.walk(prefix)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
