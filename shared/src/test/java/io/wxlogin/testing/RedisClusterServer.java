package io.wxlogin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A real three-master Redis Cluster on loopback ({@code redis-server --cluster-enabled yes} and
 * {@code redis-cli --cluster create}), for testing what cluster mode changes: keys in different slots,
 * hash tags, scripts that must touch one slot.
 */
public final class RedisClusterServer implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  public static RedisClusterServer start() {
    RedisClusterServer cluster = new RedisClusterServer();
    try {
      cluster.startNodes(3);
      cluster.create();
      return cluster;
    } catch (IOException e) {
      cluster.close();
      Assumptions.abort("no redis-server/redis-cli to build a Redis Cluster: " + e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  private void startNodes(int count) throws IOException {
    Path dir = Files.createTempDirectory("wxlogin-redis-cluster");
    for (int i = 0; i < count; i++) {
      int port = RedisServer.freePort();
      Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
      processes.add(new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--save", "", "--appendonly", "no",
          "--dir", nodeDir.toString())
          .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
      ports.add(port);
    }
    ports.forEach(p -> RedisServer.waitForPort(p, Duration.ofSeconds(10)));
  }

  private void create() throws IOException {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(p -> cmd.add("127.0.0.1:" + p));
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.contains("All 16384 slots covered")) {
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
      }
      waitUntilOk();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Slots are assigned before every node has heard of every other: wait until each says the cluster is ok. */
  private void waitUntilOk() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (int port : ports) {
      while (true) {
        Process info = new ProcessBuilder("redis-cli", "-p", String.valueOf(port), "cluster", "info").start();
        String out = new String(info.getInputStream().readAllBytes());
        info.waitFor();
        if (out.contains("cluster_state:ok")) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cluster never became ok on port " + port + ":\n" + out);
        }
        Thread.sleep(100);
      }
    }
  }

  /** The REDIS_URL of a cluster-mode server: every node, comma-separated. */
  public String urls() {
    return ports.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
