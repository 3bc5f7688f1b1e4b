package io.wxlogin.redis;

import io.wxlogin.config.Env;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** {@code REDIS_URL}, {@code REDIS_MODE} and {@code REDIS_KEY_PREFIX}, and the clients built from them. */
public record RedisConfig(List<String> urls, RedisClientType mode, String keyPrefix, String sentinelMaster) {

  /** Every Redis command is given this long; a callback must still be answered inside WeChat's 5 s. */
  public static final long COMMAND_TIMEOUT_MS = 2_000;
  private static final int MAX_POOL_WAITING = 16_384;

  private static final Pattern URL = Pattern.compile("rediss?://\\S+");
  private static final Pattern SENTINEL_MASTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_:.{}-]{0,64}");

  public enum Mode { STANDALONE, CLUSTER, SENTINEL }

  public static RedisConfig from(Env env) {
    String urlList = env.string("REDIS_URL", "redis://127.0.0.1:6379");
    List<String> urls = Arrays.stream(urlList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (urls.isEmpty() || !urls.stream().allMatch(u -> URL.matcher(u).matches())) {
      env.problem("REDIS_URL is '" + Env.shown(redactPassword(urlList))
          + "': must be redis://[user:password@]host:port[/db], or a comma-separated list of them");
    }
    Mode mode = env.choice("REDIS_MODE", Mode.STANDALONE, Mode.class);
    String prefix = env.matching("REDIS_KEY_PREFIX", "wxlogin:", PREFIX,
        "must be at most 64 letters, digits or _ : . { } -");
    if (mode == Mode.CLUSTER && prefix != null && (prefix.contains("{") || prefix.contains("}"))) {
      // Redis hashes the first {...} of a key, so a brace in the prefix would override (or, as "{}", disable) the
      // {appid} tag that keeps a token and its lease in one slot; the fenced token write would fail with CROSSSLOT.
      env.problem("REDIS_KEY_PREFIX must not contain { or } when REDIS_MODE=cluster: token keys carry their own "
          + "{appid} hash tag");
    }
    RedisClientType type = switch (mode) {
      case STANDALONE -> RedisClientType.STANDALONE;
      case CLUSTER -> RedisClientType.CLUSTER;
      case SENTINEL -> RedisClientType.SENTINEL;
    };
    String master = env.matching("REDIS_SENTINEL_MASTER", "mymaster", SENTINEL_MASTER,
        "the master name sentinels know (1-64 letters, digits, '_', '.' or '-')");
    return new RedisConfig(urls, type, prefix, master);
  }

  /**
   * The URL list with every password masked: the user-info part (up to the last {@code @}, so a password with an
   * unescaped {@code /} or {@code @} is still covered; a lone user-info may be a password, as some clients read
   * it) and a {@code password=} query parameter, which Vert.x also accepts.
   */
  static String redactPassword(String urls) {
    StringBuilder out = new StringBuilder();
    for (String url : urls.split(",", -1)) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(redactOne(url));
    }
    return out.toString();
  }

  private static String redactOne(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = url.lastIndexOf('@');
    String rest = url;
    String head = "";
    if (at >= start) {
      String userInfo = url.substring(start, at);
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? "" : userInfo.substring(0, colon);
      head = url.substring(0, start) + (colon < 0 || !user.matches("[^/?#]*") ? "***" : user + ":***") + "@";
      rest = url.substring(at + 1);
    }
    return head + rest.replaceAll("(?i)([?&](?:password|pass|pwd)=)[^&#]*", "$1***");
  }

  public RedisKeys keys() {
    return new RedisKeys(keyPrefix, mode == RedisClientType.CLUSTER);
  }

  /** The same as {@link #describe()}: a record's own toString would show a password in a URL. */
  @Override
  public String toString() {
    return "RedisConfig[" + describe() + ", prefix=" + keyPrefix + "]";
  }

  /** The endpoint list with passwords masked, for logs and readiness answers. */
  public String describe() {
    return redactPassword(String.join(",", urls)) + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  /**
   * A pooled client. {@code readIdleSeconds > 0} closes a connection that hears nothing for that long: what
   * finds a half-open link, for a pub/sub client fed by a heartbeat or for a command pool.
   */
  public Redis client(Vertx vertx, String poolName, int maxPoolSize, int readIdleSeconds) {
    RedisOptions options = new RedisOptions()
        .setType(mode)
        .setMaxPoolSize(maxPoolSize)
        // bounded: the cluster client refuses -1 ("maxWaiting < maxSize"); a burst beyond this fails fast
        .setMaxPoolWaiting(MAX_POOL_WAITING)
        .setPoolName(poolName);
    urls.forEach(options::addConnectionString);
    if (mode == RedisClientType.SENTINEL) {
      options.setMasterName(sentinelMaster);
    }
    options.getNetClientOptions().setConnectTimeout(2_000);
    if (readIdleSeconds > 0) {
      options.getNetClientOptions().setReadIdleTimeout(readIdleSeconds);
    }
    return Redis.createClient(vertx, options);
  }

  /**
   * The client for a server's commands: on standalone and Sentinel Redis one pipelined connection with the pool
   * behind it ({@link PipelinedRedis}); in cluster mode the pool's client itself.
   */
  public Redis commandClient(Vertx vertx, String poolName, int maxPoolSize) {
    Redis pool = client(vertx, poolName, maxPoolSize, 0);
    return mode == RedisClientType.CLUSTER ? pool : new PipelinedRedis(pool);
  }

  /**
   * A standalone client to one node of the cluster, {@code host:port} as the cluster names it, with the
   * credentials and scheme of the first configured URL: what a sharded subscription connects with.
   */
  public Redis nodeClient(Vertx vertx, String poolName, String hostPort, int readIdleSeconds) {
    String first = urls.get(0);
    int start = first.indexOf("://") + 3;
    int at = first.lastIndexOf('@');
    String userInfo = at >= start ? first.substring(start, at + 1) : "";
    RedisOptions options = new RedisOptions()
        .setType(RedisClientType.STANDALONE)
        .setConnectionString(first.substring(0, start) + userInfo + hostPort)
        .setMaxPoolSize(4)
        .setMaxPoolWaiting(64)
        .setPoolName(poolName + "-" + hostPort);
    options.getNetClientOptions().setConnectTimeout(2_000);
    if (readIdleSeconds > 0) {
      options.getNetClientOptions().setReadIdleTimeout(readIdleSeconds);
    }
    return Redis.createClient(vertx, options);
  }
}
