package io.wxlogin.token.keys;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.wxlogin.oidc.SigningKey;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.token.lease.Lease;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generates, rotates and retires the OIDC signing keys in {@code oidc-keys:<appid>}, on the replica holding
 * the refresher lease only. Every write is fenced by the same lease as the access_token (keys-write.lua), so
 * a replica that lost the lease while generating a key cannot store it. Key generation runs off the event loop.
 */
public final class KeyKeeper {

  private static final System.Logger LOG = System.getLogger(KeyKeeper.class.getName());
  private static final LuaScript WRITE = LuaScript.load(KeyKeeper.class, "keys-write.lua");
  private static final List<String> ALGS = List.of(SigningKey.RS256, SigningKey.ES256);

  private final Vertx vertx;
  private final KeysConfig config;
  private final Lease lease;
  private final Redis redis;
  private final RedisKeys keys;
  private final String appId;
  private long timer = -1;
  private boolean busy;

  public KeyKeeper(Vertx vertx, KeysConfig config, Lease lease, Redis redis, RedisKeys keys, String appId) {
    this.vertx = vertx;
    this.config = config;
    this.lease = lease;
    this.redis = redis;
    this.keys = keys;
    this.appId = appId;
  }

  /** Checks often enough that a key due to be published is published within a small part of publishAhead. */
  public void start() {
    long period = Math.max(250, Math.min(5_000, config.publishAhead().toMillis() / 4));
    timer = vertx.setPeriodic(10, period, id -> tick());
  }

  public void stop() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    if (busy || !lease.held()) {
      return;
    }
    busy = true;
    load().compose(this::apply)
        .onFailure(e -> LOG.log(Level.WARNING, "signing keys not maintained this time: " + e.getMessage()))
        .onComplete(ar -> busy = false);
  }

  private Future<List<SigningKey>> load() {
    return RedisAPI.api(redis).hgetall(keys.oidcKeys(appId))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(KeyKeeper::parse);
  }

  static List<SigningKey> parse(Response all) {
    List<SigningKey> out = new ArrayList<>();
    if (all != null) {
      for (String kid : all.getKeys()) {
        try {
          out.add(SigningKey.fromJson(all.get(kid).toString()));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "ignoring unreadable signing key record " + kid);
        }
      }
    }
    return out;
  }

  private Future<Void> apply(List<SigningKey> stored) {
    long now = System.currentTimeMillis();
    KeyPlan plan = KeyPlan.of(stored, ALGS, now, config);
    if (plan.empty()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> plan.additions().stream().map(this::generate).toList(), false)
        .compose(generated -> write(generated, plan.removals()));
  }

  /**
   * Generating an RSA key can take seconds on a busy host: the times are set once it exists, so a successor
   * is still published a full {@code publishAhead} before it signs. A first key (planned to sign at once) has
   * no predecessor whose tokens a relying party could be verifying, and signs as soon as it is stored.
   */
  private SigningKey generate(KeyPlan.NewKey n) {
    SigningKey k = SigningKey.generate(n.alg(), config.secret(), 0, 0);
    long ready = System.currentTimeMillis();
    long signFrom = n.first() ? ready : Math.max(n.signFrom(), ready + config.publishAhead().toMillis());
    return new SigningKey(k.kid(), k.alg(), k.publicJwk(), k.sealedPrivate(), ready, signFrom);
  }

  private Future<Void> write(List<SigningKey> added, List<String> removed) {
    // in cluster mode the announcement is SPUBLISHed after the script (docs/redis.md §3, "Sharded pub/sub")
    boolean inScript = !keys.shardedPubSub();
    List<String> args = new ArrayList<>(List.of(lease.serverId(), inScript ? keys.oidcKeysChannel() : "", "changed",
        String.valueOf(added.size())));
    added.forEach(k -> {
      args.add(k.kid());
      args.add(k.toJson());
    });
    args.addAll(removed);
    return WRITE.run(redis, List.of(keys.tokenLease(appId), keys.oidcKeys(appId)), args)
        .compose(r -> inScript || r.get(0).toInteger() != 1 ? Future.succeededFuture(r)
            : Subscriber.publish(redis, keys, keys.oidcKeysChannel(), "changed").otherwiseEmpty().map(r))
        .map(r -> written(r, added, removed));
  }

  private Void written(Response r, List<SigningKey> added, List<String> removed) {
    if (r.get(0).toInteger() != 1) {
      lease.lose("the signing-key write found the lease naming " + r.get(1));
      return null;
    }
    added.forEach(k -> LOG.log(Level.INFO, "signing key " + k.kid() + " (" + k.alg() + ") published, signs from "
        + java.time.Instant.ofEpochMilli(k.signFrom())));
    removed.forEach(kid -> LOG.log(Level.INFO, "signing key " + kid + " retired: every token it signed has expired"));
    return null;
  }
}
