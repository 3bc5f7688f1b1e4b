package io.wxlogin.login.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ops command's Redis: the node's own client for reads by key (routed by slot in cluster mode), and key
 * scans that cover the whole key space. A cluster client's SCAN sees one node only, so in cluster mode each
 * master (from {@code CLUSTER NODES}) is scanned through its own connection, with the configured credentials.
 */
final class OpsRedis {

  /** How long the first answer may take before Redis counts as unreachable. */
  static final long REACH_TIMEOUT_MS = 3_000;
  private static final int SCAN_COUNT = 1_000;
  private static final Pattern USER_INFO = Pattern.compile("^(rediss?://)([^@/]*@)?.*$");

  private final Vertx vertx;
  private final RedisConfig config;
  private final Redis redis;
  private final List<Redis> masters = new ArrayList<>();

  OpsRedis(Vertx vertx, RedisConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.redis = config.client(vertx, "ops", 8, 0);
  }

  /** The client routed by key, for code shared with the node (the user-session index). */
  Redis client() {
    return redis;
  }

  RedisKeys keys() {
    return config.keys();
  }

  String describe() {
    return config.describe();
  }

  /** One PING within {@link #REACH_TIMEOUT_MS}: the difference between "Redis is down" and a real answer. */
  Future<Void> reach() {
    return redis.send(Request.cmd(Command.PING)).timeout(REACH_TIMEOUT_MS, TimeUnit.MILLISECONDS).mapEmpty();
  }

  Future<Response> send(Request request) {
    return redis.send(request).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** The named fields of a hash (absent ones left out); empty when the key does not exist. */
  Future<Map<String, String>> fields(String key, List<String> names) {
    Request hmget = Request.cmd(Command.HMGET).arg(key);
    names.forEach(hmget::arg);
    return send(hmget).map(r -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        if (r.get(i) != null) {
          out.put(names.get(i), r.get(i).toString());
        }
      }
      return out;
    });
  }

  /** Seconds the key has left; null when it has no expiry or does not exist. */
  Future<Long> ttlSeconds(String key) {
    return send(Request.cmd(Command.PTTL).arg(key)).map(r -> r.toLong() < 0 ? null : (r.toLong() + 999) / 1000);
  }

  /** Every key matching a glob built by {@link RedisKeys}, from every master. */
  Future<List<String>> scan(String pattern) {
    return scanned().compose(nodes -> {
      List<String> found = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Redis node : nodes) {
        chain = chain.compose(v -> scanFrom(node, "0", pattern, found));
      }
      return chain.map(v -> found);
    });
  }

  private Future<Void> scanFrom(Redis node, String cursor, String pattern, List<String> found) {
    return node.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(r -> {
          r.get(1).forEach(key -> found.add(key.toString()));
          String next = r.get(0).toString();
          return "0".equals(next) ? Future.succeededFuture() : scanFrom(node, next, pattern, found);
        });
  }

  private Future<List<Redis>> scanned() {
    if (config.mode() != RedisClientType.CLUSTER) {
      return Future.succeededFuture(List.of(redis));
    }
    if (!masters.isEmpty()) {
      return Future.succeededFuture(masters);
    }
    return send(Request.cmd(Command.CLUSTER).arg("NODES")).map(r -> {
      for (String address : masterAddresses(r.toString())) {
        masters.add(Redis.createClient(vertx, new RedisOptions().setType(RedisClientType.STANDALONE)
            .setConnectionString(connectionString(address)).setMaxPoolSize(1)));
      }
      return masters;
    });
  }

  /** {@code host:port} of each live master in a {@code CLUSTER NODES} answer. */
  static List<String> masterAddresses(String clusterNodes) {
    List<String> out = new ArrayList<>();
    for (String line : clusterNodes.split("\n")) {
      String[] f = line.strip().split(" ");
      if (f.length < 3) {
        continue;
      }
      List<String> flags = List.of(f[2].split(","));
      String address = f[1].split("@")[0];
      if (flags.contains("master") && !flags.contains("fail") && !flags.contains("noaddr")
          && !flags.contains("handshake") && !address.startsWith(":")) {
        out.add(address);
      }
    }
    return out;
  }

  /** The first configured URL's scheme and credentials, pointed at another node. */
  private String connectionString(String address) {
    Matcher m = USER_INFO.matcher(config.urls().get(0));
    String scheme = m.matches() ? m.group(1) : "redis://";
    String userInfo = m.matches() && m.group(2) != null ? m.group(2) : "";
    return scheme + userInfo + address;
  }

  void close() {
    masters.forEach(Redis::close);
    redis.close();
  }
}
