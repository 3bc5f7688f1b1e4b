package io.wxlogin.faults;

import io.wxlogin.testing.RedisClusterServer;
import io.wxlogin.testing.RedisServer;
import io.wxlogin.testing.RedisSentinelServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis the system runs on, as a test reads it: the {@code REDIS_URL}/{@code REDIS_MODE} the servers get,
 * {@code redis-cli} routed to whoever holds a key now, and the masters whose keys make up the state.
 */
abstract class Store implements AutoCloseable {

  abstract String url();

  abstract String mode();

  /** The data ports of the current masters. */
  abstract List<Integer> masters();

  /** redis-cli against the node that serves {@code key} (or any master, for keyless commands). */
  abstract String cli(String... args);

  Map<String, String> hgetall(String key) {
    String out = cli("hgetall", key);
    Map<String, String> map = new LinkedHashMap<>();
    String[] lines = out.isEmpty() ? new String[0] : out.split("\n");
    for (int i = 0; i + 1 < lines.length; i += 2) {
      map.put(lines[i], lines[i + 1]);
    }
    return map;
  }

  /** Every key matching {@code pattern} on every master. */
  List<String> keys(String pattern) {
    List<String> all = new ArrayList<>();
    for (int port : masters()) {
      String out = RedisClusterServer.cli(port, "--scan", "--pattern", pattern);
      for (String k : out.split("\n")) {
        if (!k.isBlank()) {
          all.add(k.strip());
        }
      }
    }
    return all;
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_URL", url());
    env.put("REDIS_MODE", mode());
    env.put("REDIS_SENTINEL_MASTER", RedisSentinelServer.MASTER_NAME);
    return env;
  }

  /** One redis-server process (persistence chosen by the test), which can be paused, killed and restarted. */
  static final class Standalone extends Store {
    final int port = RedisServer.freePort();
    final Spawned process;

    Standalone(Path dir, String... persistence) {
      List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
          "127.0.0.1", "--dir", dir.toString(), "--dbfilename", "dump-" + port + ".rdb"));
      cmd.addAll(persistence.length == 0 ? List.of("--save", "", "--appendonly", "no") : List.of(persistence));
      process = Spawned.start("redis-" + port, cmd, Map.of(), dir);
      process.awaitLog("Ready to accept connections");
    }

    /** kill -9, then the same server (same port, same persistence files) started again. */
    void crashAndRestart() {
      process.kill9();
      process.restart();
      process.awaitLog("Ready to accept connections");
    }

    @Override
    String url() {
      return "redis://127.0.0.1:" + port;
    }

    @Override
    String mode() {
      return "standalone";
    }

    @Override
    List<Integer> masters() {
      return List.of(port);
    }

    @Override
    String cli(String... args) {
      return RedisClusterServer.cli(port, args);
    }

    @Override
    public void close() {
      process.close();
    }
  }

  /** A three-master Redis Cluster, each master with {@code replicas} replicas. */
  static final class Cluster extends Store {
    final RedisClusterServer cluster;

    Cluster(int replicas) {
      cluster = RedisClusterServer.start(replicas);
    }

    /** The port of the master serving {@code key} now. */
    int masterOf(String key) {
      return cluster.masterOfSlot(RedisClusterServer.slotOf(cluster.livePorts().get(0), key));
    }

    /** redis-cli against exactly this node (no redirects). */
    String cliAt(int port, String... args) {
      return RedisClusterServer.cli(port, args);
    }

    @Override
    String url() {
      return cluster.urls();
    }

    @Override
    String mode() {
      return "cluster";
    }

    @Override
    List<Integer> masters() {
      return cluster.masterPorts();
    }

    @Override
    String cli(String... args) {
      List<String> withRedirects = new ArrayList<>(List.of("-c"));
      withRedirects.addAll(List.of(args));
      return RedisClusterServer.cli(cluster.livePorts().get(0), withRedirects.toArray(String[]::new));
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  /** A master, a replica and three sentinels. */
  static final class Sentinel extends Store {
    final RedisSentinelServer sentinel = RedisSentinelServer.start();

    @Override
    String url() {
      return sentinel.urls();
    }

    @Override
    String mode() {
      return "sentinel";
    }

    @Override
    List<Integer> masters() {
      return List.of(sentinel.masterPort());
    }

    @Override
    String cli(String... args) {
      return RedisClusterServer.cli(sentinel.masterPort(), args);
    }

    @Override
    public void close() {
      sentinel.close();
    }
  }
}
