package io.wxlogin.testing;

import static io.wxlogin.testing.RedisClusterServer.cli;
import static io.wxlogin.testing.RedisClusterServer.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Sentinel-managed Redis on loopback: a master, one replica and three {@code redis-sentinel}
 * processes (quorum 2) on free ports, for {@code REDIS_MODE=sentinel}. {@link #failover()} forces
 * {@code SENTINEL FAILOVER} and waits until every sentinel names the promoted replica.
 */
public final class RedisSentinelServer implements AutoCloseable {

  public static final String MASTER_NAME = "mymaster";

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> dataPorts = new ArrayList<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();
  private Path dir;

  public static RedisSentinelServer start() {
    RedisSentinelServer s = new RedisSentinelServer();
    try {
      s.dir = Files.createTempDirectory("wxlogin-redis-sentinel");
      int master = s.startRedis(null);
      s.startRedis(master);
      for (int i = 0; i < 3; i++) {
        s.startSentinel(master);
      }
      s.awaitTopology(master);
      return s;
    } catch (IOException e) {
      s.close();
      Assumptions.abort("no redis-server/redis-sentinel to build a Sentinel setup: " + e.getMessage());
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private int startRedis(Integer replicaOf) throws IOException {
    int port = RedisServer.freePort();
    Path nodeDir = Files.createDirectories(dir.resolve("redis-" + port));
    List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", nodeDir.toString()));
    if (replicaOf != null) {
      cmd.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(replicaOf)));
    }
    processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
    RedisServer.waitForPort(port, Duration.ofSeconds(10));
    dataPorts.add(port);
    return port;
  }

  private void startSentinel(int master) throws IOException {
    int port = RedisServer.freePort();
    Path conf = dir.resolve("sentinel-" + port + ".conf");
    Files.writeString(conf, String.join("\n",
        "port " + port,
        "bind 127.0.0.1",
        "dir " + dir,
        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master + " 2",
        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
        "sentinel failover-timeout " + MASTER_NAME + " 10000",
        "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
    processes.add(new ProcessBuilder("redis-sentinel", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sentinel-" + port + ".log").toFile()).start());
    RedisServer.waitForPort(port, Duration.ofSeconds(10));
    sentinelPorts.add(port);
  }

  /** Every sentinel knows the master, the replica (in sync) and the two other sentinels. */
  private void awaitTopology(int master) {
    waitUntil(() -> cli(replicaPort(master), "info", "replication").contains("master_link_status:up"),
        "replica in sync");
    for (int s : sentinelPorts) {
      waitUntil(() -> {
        String info = cli(s, "info", "sentinel");
        return info.contains("status=ok,address=127.0.0.1:" + master + ",slaves=1,sentinels=3");
      }, "sentinel " + s + " sees master, replica and peers");
    }
  }

  private int replicaPort(int master) {
    return dataPorts.stream().filter(p -> p != master).findFirst().orElseThrow();
  }

  /** REDIS_URL for {@code REDIS_MODE=sentinel}: the three sentinels. */
  public String urls() {
    return sentinelPorts.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** The data port the first sentinel names as master now. */
  public int masterPort() {
    String[] addr = cli(sentinelPorts.get(0), "sentinel", "get-master-addr-by-name", MASTER_NAME).split("\n");
    return Integer.parseInt(addr[1].strip());
  }

  public List<Integer> dataPorts() {
    return List.copyOf(dataPorts);
  }

  /**
   * Forces a failover and waits until every sentinel names the old replica as master, it says so itself, and
   * the old master has become its replica, in sync. Returns the new master's port.
   */
  public int failover() {
    int old = masterPort();
    int promoted = replicaPort(old);
    String answer = cli(sentinelPorts.get(0), "sentinel", "failover", MASTER_NAME);
    if (!answer.startsWith("OK")) {
      throw new IllegalStateException("SENTINEL FAILOVER refused: " + answer);
    }
    for (int s : sentinelPorts) {
      waitUntil(() -> cli(s, "sentinel", "get-master-addr-by-name", MASTER_NAME).endsWith(String.valueOf(promoted)),
          "sentinel " + s + " names " + promoted);
    }
    waitUntil(() -> cli(promoted, "role").startsWith("master"), promoted + " is master");
    waitUntil(() -> cli(old, "info", "replication").contains("master_link_status:up"),
        old + " replicates the new master");
    return promoted;
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
