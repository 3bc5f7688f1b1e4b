package io.wxlogin.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Redis for integration tests: a Testcontainers {@code redis:7-alpine} where a Docker engine runs,
 * otherwise a {@code redis-server} process on a free loopback port (what {@code .ci/run} installs).
 * The local process can be killed and restarted on the same port to test reconnects.
 */
public final class RedisServer implements AutoCloseable {

  private final GenericContainer<?> container;
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(GenericContainer<?> container, int port, Path dir) {
    this.container = container;
    this.port = port;
    this.dir = dir;
  }

  public static RedisServer start() {
    if (!Boolean.getBoolean("wxlogin.noDocker") && dockerAvailable()) {
      GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
          .withExposedPorts(6379)
          .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
      c.start();
      System.out.println("[RedisServer] using a Testcontainers redis:7-alpine");
      return new RedisServer(c, c.getMappedPort(6379), null);
    }
    try {
      RedisServer server = new RedisServer(null, freePort(), Files.createTempDirectory("wxlogin-redis"));
      server.startProcess();
      System.out.println("[RedisServer] no Docker engine: using a local redis-server on port " + server.port);
      return server;
    } catch (IOException e) {
      Assumptions.abort("no Docker engine and no redis-server binary: " + e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * A port nothing listens on, for a server started next. Taken below the kernel's ephemeral range (where it
   * lies above 10,000): a port from that range, as {@code new ServerSocket(0)} gives, can be handed to some
   * client's outgoing connection between this check and the server's own bind ("Address already in use");
   * outgoing connections never get a port below the range.
   */
  public static int freePort() {
    int low = ephemeralLow();
    for (int attempt = 0; low > 10_000 && attempt < 100; attempt++) {
      int port = 10_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(low - 10_000);
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(port));
        return port;
      } catch (IOException taken) {
        // someone listens there: try another
      }
    }
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first port of Linux's ephemeral range ({@code ip_local_port_range}), or 0 where it cannot be read. */
  private static int ephemeralLow() {
    // read as a line: /proc reports a size of 0, and Files.readString trusts it (it answered "3" here)
    try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private void startProcess() throws IOException {
    process = new ProcessBuilder(List.of(System.getProperty("redis.server.binary", "redis-server"),
        "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--dir", dir.toString(), "--maxclients", "10000"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    waitForPort(port, Duration.ofSeconds(10));
  }

  public static void waitForPort(int port, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        sleep(50);
      }
    }
    throw new IllegalStateException("nothing listens on port " + port + " after " + within);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kill the server hard (no FIN for in-flight data is promised) and start it again, empty, on the same port. */
  public void restart(Duration downFor) throws IOException {
    if (process == null) {
      Assumptions.abort("restart needs the local redis-server");
    }
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sleep(downFor.toMillis());
    startProcess();
  }

  @Override
  public void close() {
    if (container != null) {
      container.stop();
    }
    if (process != null) {
      process.destroyForcibly();
    }
  }
}
