package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.wxlogin.redis.RedisKeys;
import java.util.List;

/**
 * Ends what a grant issued: access tokens (sessions, so dead on every node at once) and refresh families.
 * Each deletion is its own single-key command, so this works in cluster mode.
 */
final class Revoker {

  private final RedisHashes redis;
  private final RedisKeys keys;
  private final RefreshFamilies families;

  Revoker(RedisHashes redis, RedisKeys keys, RefreshFamilies families) {
    this.redis = redis;
    this.keys = keys;
    this.families = families;
  }

  Future<Void> session(String sessionSha) {
    return sessionSha == null || sessionSha.isEmpty() ? Future.succeededFuture()
        : redis.delete(keys.session(sessionSha)).mapEmpty();
  }

  /** The family and its current access token. */
  Future<Void> family(String familyId) {
    if (familyId == null || familyId.isEmpty()) {
      return Future.succeededFuture();
    }
    return families.owner(familyId).compose(owner -> families.delete(familyId)
        .compose(v -> owner == null ? Future.succeededFuture() : session(owner[1])));
  }

  /** Grants as listed by an SSO session: {@code s:<session sha>} or {@code f:<family>}. */
  Future<Void> grants(List<String> grants) {
    Future<Void> all = Future.succeededFuture();
    for (String g : grants) {
      all = all.compose(v -> g.startsWith("f:") ? family(g.substring(2)) : session(g.substring(2)));
    }
    return all;
  }
}
