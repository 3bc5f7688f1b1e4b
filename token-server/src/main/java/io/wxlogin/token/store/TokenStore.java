package io.wxlogin.token.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisFields.Token;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.redis.TokenMessages;
import io.wxlogin.redis.LuaScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads and (fenced) writes {@code token:<appid>}. */
public final class TokenStore {

  private static final LuaScript WRITE = LuaScript.load(TokenStore.class, "token-write.lua",
      LuaScript.fieldTable("TOKEN", Token.values()));

  /** The outcome of a fenced write: written, or refused because the lease names {@code holder}. */
  public record WriteResult(boolean written, String holder) {
  }

  private final Redis redis;
  private final RedisKeys keys;
  private final String appId;

  public TokenStore(Redis redis, RedisKeys keys, String appId) {
    this.redis = redis;
    this.keys = keys;
    this.appId = appId;
  }

  public String appId() {
    return appId;
  }

  /** The stored token, or null when there is none (never stored, expired, or Redis lost it). */
  public Future<StoredToken> load() {
    return hmget(Token.ACCESS_TOKEN, Token.EXPIRES_AT, Token.REFRESHED_AT, Token.REFRESHED_BY).map(r -> {
      String token = string(r.get(0));
      Long expiresAt = number(r.get(1));
      if (token == null || expiresAt == null) {
        return null;
      }
      Long refreshedAt = number(r.get(2));
      return new StoredToken(token, expiresAt, refreshedAt == null ? expiresAt : refreshedAt, string(r.get(3)));
    });
  }

  /**
   * Writes the token only if the lease still names {@code serverId}, in one script: a replica that lost its
   * lease while it was calling WeChat cannot overwrite its successor's token. Rewriting the stored token
   * (same value, same {@code refreshed_at} and {@code refreshed_by}) restores a deleted key and announces
   * nothing otherwise. In cluster mode the announcement is an {@code SPUBLISH} right after the script (a
   * script may only publish to a shard channel of its own slot); a node that misses it re-reads on resubscribe.
   */
  public Future<WriteResult> writeFenced(String serverId, StoredToken token) {
    boolean inScript = !keys.shardedPubSub();
    return WRITE.run(redis, List.of(keys.tokenLease(appId), keys.token(appId)),
            List.of(serverId, token.accessToken(), Long.toString(token.expiresAt()), Long.toString(token.refreshedAt()),
                token.refreshedBy() == null ? serverId : token.refreshedBy(),
                inScript ? keys.tokenUpdatedChannel() : "", TokenMessages.updated(appId)))
        .compose(r -> {
          WriteResult result = new WriteResult(r.get(0).toInteger() == 1, r.get(1).toString());
          if (inScript || !result.written() || r.get(2).toInteger() == 0) {
            return Future.succeededFuture(result);
          }
          return Subscriber.publish(redis, keys, keys.tokenUpdatedChannel(), TokenMessages.updated(appId))
              .otherwiseEmpty().map(result);
        });
  }

  /** Everything about the token but the token: the access_token field is never even read here. */
  public Future<TokenInfo> describe() {
    Future<Response> fields = hmget(Token.EXPIRES_AT, Token.REFRESHED_AT, Token.REFRESHED_BY);
    Future<Response> holder = RedisAPI.api(redis).get(keys.tokenLease(appId))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    return Future.all(fields, holder).map(v -> {
      Response r = fields.result();
      return new TokenInfo(appId, number(r.get(0)), number(r.get(1)), string(r.get(2)), string(holder.result()));
    });
  }

  public Future<Void> ping() {
    return RedisAPI.api(redis).ping(List.of()).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .mapEmpty();
  }

  private Future<Response> hmget(Token... fields) {
    List<String> args = new ArrayList<>();
    args.add(keys.token(appId));
    Arrays.stream(fields).map(Token::field).forEach(args::add);
    return RedisAPI.api(redis).hmget(args).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static String string(Response r) {
    return r == null ? null : r.toString();
  }

  private static Long number(Response r) {
    try {
      return r == null ? null : Long.parseLong(r.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
