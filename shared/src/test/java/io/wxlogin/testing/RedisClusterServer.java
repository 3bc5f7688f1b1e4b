package io.wxlogin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis Cluster on loopback ({@code redis-server --cluster-enabled yes} and
 * {@code redis-cli --cluster create}), for testing what cluster mode changes: keys in different slots,
 * hash tags, scripts that must touch one slot, sharded pub/sub; with replicas, also a master's death
 * and the promotion of its replica, and slots moved between masters.
 */
public final class RedisClusterServer implements AutoCloseable {

  private final Map<Integer, Process> processes = new LinkedHashMap<>();
  private final List<Integer> ports = new ArrayList<>();
  private Path dir;

  /** Three masters, no replicas. */
  public static RedisClusterServer start() {
    return start(0);
  }

  /** Three masters with {@code replicasPerMaster} replicas each; a dead master is replaced within ~2 s. */
  public static RedisClusterServer start(int replicasPerMaster) {
    RedisClusterServer cluster = new RedisClusterServer();
    try {
      cluster.startNodes(3 * (1 + replicasPerMaster));
      cluster.create(replicasPerMaster);
      return cluster;
    } catch (IOException e) {
      cluster.close();
      Assumptions.abort("no redis-server/redis-cli to build a Redis Cluster: " + e.getMessage());
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startNodes(int count) throws IOException {
    dir = Files.createTempDirectory("wxlogin-redis-cluster");
    for (int i = 0; i < count; i++) {
      startNode();
    }
  }

  /** A free port whose cluster-bus port (port + 10000) is free too. */
  private static int freeNodePort() {
    for (int i = 0; i < 50; i++) {
      int port = RedisServer.freePort();
      if (port + 10_000 <= 65_535) {
        try (java.net.ServerSocket bus = new java.net.ServerSocket(port + 10_000)) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  /** One node on a free port; a port taken meanwhile by someone else (the process exits) means another port. */
  private void startNode() throws IOException {
    for (int attempt = 1; ; attempt++) {
      int port = freeNodePort();
      Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
      Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
          "--save", "", "--appendonly", "no", "--dir", nodeDir.toString())
          .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start();
      int listening = port;
      waitUntil(() -> !p.isAlive() || cli(listening, "ping").equals("PONG"), "redis-server on " + port);
      if (p.isAlive()) {
        processes.put(port, p);
        ports.add(port);
        return;
      }
      if (attempt == 3) {
        throw new IllegalStateException("redis-server exited on port " + port + ": see " + nodeDir);
      }
    }
  }

  private void create(int replicas) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(p -> cmd.add("127.0.0.1:" + p));
    cmd.addAll(List.of("--cluster-replicas", String.valueOf(replicas), "--cluster-yes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.contains("All 16384 slots covered")) {
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
      }
      waitUntilOk(ports);
      if (replicas > 0) {
        waitUntil(() -> masterPorts().size() == 3 && replicasInSync(), "replicas in sync");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Slots are assigned before every node has heard of every other: wait until each says the cluster is ok. */
  private void waitUntilOk(List<Integer> which) {
    for (int port : which) {
      waitUntil(() -> cli(port, "cluster", "info").contains("cluster_state:ok"), "cluster ok on " + port);
    }
  }

  private boolean replicasInSync() {
    return ports.stream().filter(p -> !masterPorts().contains(p))
        .allMatch(p -> cli(p, "info", "replication").contains("master_link_status:up"));
  }

  /** Runs {@code redis-cli -p port args…} and returns what it printed (blank when the node is down). */
  public static String cli(int port, String... args) {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return out.strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits up to 30 s for {@code condition}; fails the test with {@code what} otherwise. */
  public static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within 30 s: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The REDIS_URL of a cluster-mode server: every node, comma-separated. */
  public String urls() {
    return ports.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** The ports of the live nodes that are masters now. */
  public List<Integer> masterPorts() {
    return livePorts().stream().filter(p -> cli(p, "role").startsWith("master")).toList();
  }

  /** The ports of the nodes whose process runs. */
  public List<Integer> livePorts() {
    return ports.stream().filter(p -> processes.get(p).isAlive()).toList();
  }

  public static int slotOf(int anyPort, String key) {
    return Integer.parseInt(cli(anyPort, "cluster", "keyslot", key));
  }

  /** The port of the master serving {@code slot}, as a live master sees it. */
  public int masterOfSlot(int slot) {
    int asked = masterPorts().get(0);
    String[] lines = cli(asked, "cluster", "slots").split("\n");
    // redis-cli prints each nested array element on its own line: start, end, host, port, id, …
    for (int i = 0; i + 3 < lines.length; i++) {
      if (lines[i].matches("\\d+") && lines[i + 1].matches("\\d+") && lines[i + 2].equals("127.0.0.1")
          && Integer.parseInt(lines[i]) <= slot && slot <= Integer.parseInt(lines[i + 1])) {
        return Integer.parseInt(lines[i + 3]);
      }
    }
    throw new IllegalStateException("no master for slot " + slot + " in\n" + String.join("\n", lines));
  }

  /**
   * Moves {@code slot} with its keys from its master to the master on {@code toPort}, the way
   * {@code redis-cli --cluster reshard} does: IMPORTING/MIGRATING, MIGRATE of each key, then SETSLOT NODE.
   */
  public void migrateSlot(int slot, int toPort) {
    int fromPort = masterOfSlot(slot);
    if (fromPort == toPort) {
      return;
    }
    String from = cli(fromPort, "cluster", "myid");
    String to = cli(toPort, "cluster", "myid");
    cli(toPort, "cluster", "setslot", String.valueOf(slot), "importing", from);
    cli(fromPort, "cluster", "setslot", String.valueOf(slot), "migrating", to);
    while (true) {
      String keys = cli(fromPort, "cluster", "getkeysinslot", String.valueOf(slot), "100");
      if (keys.isBlank()) {
        break;
      }
      List<String> cmd = new ArrayList<>(List.of("migrate", "127.0.0.1", String.valueOf(toPort), "", "0", "5000",
          "keys"));
      cmd.addAll(List.of(keys.split("\n")));
      cli(fromPort, cmd.toArray(String[]::new));
    }
    for (int master : masterPorts()) {
      cli(master, "cluster", "setslot", String.valueOf(slot), "node", to);
    }
  }

  /** kill -9 of one node. */
  public void kill(int port) {
    Process p = processes.get(port);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public long pid(int port) {
    return processes.get(port).pid();
  }

  /** Waits until every live node says the cluster is ok again and {@code slot} has a live master. */
  public int awaitSlotServed(int slot) {
    waitUntil(() -> {
      try {
        return processes.get(masterOfSlot(slot)).isAlive();
      } catch (RuntimeException e) {
        return false;
      }
    }, "a live master for slot " + slot);
    waitUntilOk(ports.stream().filter(p -> processes.get(p).isAlive()).toList());
    return masterOfSlot(slot);
  }

  /** The {@code INFO commandstats} count of {@code command} (lower case) on the node at {@code port}. */
  public static long commandCalls(int port, String command) {
    for (String line : cli(port, "info", "commandstats").split("\n")) {
      if (line.startsWith("cmdstat_" + command + ":calls=")) {
        return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
      }
    }
    return 0;
  }

  @Override
  public void close() {
    processes.values().forEach(Process::destroyForcibly);
  }
}
