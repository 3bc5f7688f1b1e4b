package io.wxlogin.login.oidc;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.wxlogin.oidc.KeySecret;
import io.wxlogin.oidc.SigningKey;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * This node's copy of the signing keys the token-server keeps in {@code oidc-keys:<appid>}. Re-read when the
 * keeper announces a change, after a pub/sub reconnect, every minute as a safety net, and when a token names a
 * kid not known here (at most once a second, so forged kids cannot turn into a Redis flood).
 */
final class SigningKeys {

  private static final System.Logger LOG = System.getLogger("wxlogin.oidc.keys");
  private static final long UNKNOWN_KID_RELOAD_GAP_MS = 1_000;

  /** No key to sign with: the token-server has not published one, or this node cannot open it. */
  static final class NoKeyException extends RuntimeException {
    NoKeyException(String message) {
      super(message);
    }
  }

  private final Redis redis;
  private final String key;
  private final KeySecret secret;
  private Map<String, SigningKey> keys = Map.of();
  private final Map<String, JWK> opened = new HashMap<>();
  private final Set<String> unopenable = new HashSet<>();
  private long lastReload;
  private boolean reportedMissing;

  SigningKeys(Redis redis, RedisKeys keys, String appId, KeySecret secret) {
    this.redis = redis;
    this.key = keys.oidcKeys(appId);
    this.secret = secret;
  }

  Future<Void> reload() {
    lastReload = System.currentTimeMillis();
    return RedisAPI.api(redis).hgetall(key).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(this::replace);
  }

  private Void replace(Response all) {
    Map<String, SigningKey> fresh = new HashMap<>();
    if (all != null) {
      for (String kid : all.getKeys()) {
        try {
          fresh.put(kid, SigningKey.fromJson(all.get(kid).toString()));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "ignoring unreadable signing key record " + kid);
        }
      }
    }
    keys = Map.copyOf(fresh);
    opened.keySet().retainAll(fresh.keySet());
    return null;
  }

  /** The key that signs now for {@code alg}: the one that started signing last. */
  Future<JWK> signer(String alg) {
    JWK found = current(alg);
    if (found != null) {
      return Future.succeededFuture(found);
    }
    return reload().map(v -> {
      JWK again = current(alg);
      if (again == null) {
        NoKeyException e = new NoKeyException("no " + alg + " signing key this node can use in " + key
            + ": is the token-server running with OIDC_KEYS_SECRET (the same value as here)?");
        if (!reportedMissing) {
          reportedMissing = true;
          LOG.log(Level.ERROR, e.getMessage());
        }
        throw e;
      }
      reportedMissing = false;
      return again;
    });
  }

  private JWK current(String alg) {
    long now = System.currentTimeMillis();
    return keys.values().stream().filter(k -> alg.equals(k.alg()) && k.signFrom() <= now)
        .max(Comparator.comparingLong(SigningKey::signFrom)).map(this::open).orElse(null);
  }

  private JWK open(SigningKey k) {
    JWK jwk = opened.get(k.kid());
    if (jwk == null) {
      try {
        jwk = k.privateJwk(secret);
        opened.put(k.kid(), jwk);
      } catch (KeySecret.WrongSecretException e) {
        if (unopenable.add(k.kid())) {
          LOG.log(Level.ERROR, "OIDC_KEYS_SECRET on this node does not open signing key " + k.kid()
              + ": set the same OIDC_KEYS_SECRET as the token-server");
        }
        return null;
      }
    }
    return jwk;
  }

  /** The public key for {@code kid}, re-reading Redis once when it is not known here; null if unknown. */
  Future<JWK> verifier(String kid) {
    SigningKey k = kid == null ? null : keys.get(kid);
    if (k != null || kid == null || System.currentTimeMillis() - lastReload < UNKNOWN_KID_RELOAD_GAP_MS) {
      return Future.succeededFuture(k == null ? null : k.publicKey());
    }
    return reload().map(v -> keys.containsKey(kid) ? keys.get(kid).publicKey() : null);
  }

  /** RFC 7517 JWK Set of every stored key: the next one before it signs, old ones until retired. */
  JsonObject jwks() {
    JsonArray list = new JsonArray();
    keys.values().stream().sorted(Comparator.comparingLong(SigningKey::signFrom))
        .forEach(k -> list.add(k.publicJwk().copy()));
    return new JsonObject().put("keys", list);
  }
}
