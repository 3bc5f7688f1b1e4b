package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;
import java.util.List;
import java.util.Set;

/**
 * Refresh tokens, one Redis hash per family ({@code oidc-refresh:<family>}): the token is
 * {@code <family>.<secret>} and only the current secret's SHA-256 is kept. Each use rotates it; presenting any
 * other token of a live family means an old one was replayed, so the whole family and its access token end
 * (OAuth 2.0 Security BCP, RFC 9700 4.14.2). One key per family, so rotation is one script in cluster mode too.
 */
final class RefreshFamilies {

  private static final LuaScript CREATE = LuaScript.load(RefreshFamilies.class, "refresh-create.lua",
      LuaScript.fieldTable("REFRESH", RedisFields.OidcRefresh.values()));
  private static final LuaScript ROTATE = LuaScript.load(RefreshFamilies.class, "refresh-rotate.lua",
      LuaScript.fieldTable("REFRESH", RedisFields.OidcRefresh.values()));

  private final RedisHashes redis;
  private final RedisKeys keys;
  private final int ttlSeconds;

  enum Outcome { OK, MISSING, MISMATCH, REUSED }

  /** For OK: the grant and the access token it replaces; for REUSED: the access token to revoke. */
  record Rotated(Outcome outcome, Grant grant, String previousSessionSha) {
  }

  /** A fresh token of a family, and its digest; {@code toString} never shows the token. */
  record Minted(String familyId, String token, String sha) {
    static Minted of(String familyId) {
      String token = familyId + "." + Opaque.random(32);
      return new Minted(familyId, token, Opaque.sha256Hex(token));
    }

    @Override
    public String toString() {
      return "Minted[familyId=" + familyId + ", token=****]";
    }
  }

  RefreshFamilies(RedisHashes redis, RedisKeys keys, int ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
  }

  int ttlSeconds() {
    return ttlSeconds;
  }

  static String familyOf(String token) {
    int dot = token == null ? -1 : token.indexOf('.');
    return dot == 22 && token.length() == 66 && Opaque.urlSafe(token.substring(0, 22), 22)
        && Opaque.urlSafe(token.substring(23), 43) ? token.substring(0, 22) : null;
  }

  Future<Void> create(Minted first, Grant g, String sessionSha) {
    return CREATE.run(redis.client(), List.of(keys.oidcRefreshFamily(first.familyId())), List.of(first.sha(), sessionSha,
            g.clientId(), g.openid(), g.newUser() ? "1" : "0", String.valueOf(g.authTime()), String.join(" ", g.scopes()),
            g.sid() == null ? "" : g.sid(), String.valueOf(ttlSeconds)))
        .mapEmpty();
  }

  /** Swaps {@code presented} for {@code next} and the family's access token for {@code nextSessionSha}. */
  Future<Rotated> rotate(String presented, String clientId, Minted next, String nextSessionSha) {
    String family = familyOf(presented);
    if (family == null || !family.equals(next.familyId())) {
      return Future.succeededFuture(new Rotated(Outcome.MISSING, null, null));
    }
    return ROTATE.run(redis.client(), List.of(keys.oidcRefreshFamily(family)), List.of(Opaque.sha256Hex(presented),
            clientId, next.sha(), nextSessionSha, String.valueOf(ttlSeconds)))
        .map(RefreshFamilies::rotated);
  }

  private static Rotated rotated(Response r) {
    Outcome o = Outcome.valueOf(r.get(0).toString());
    return switch (o) {
      case OK -> {
        String scope = r.get(6).toString();
        yield new Rotated(o, new Grant(r.get(2).toString(), r.get(3).toString(), "1".equals(r.get(4).toString()),
            Long.parseLong(r.get(5).toString()), scope.isBlank() ? Set.of() : Set.copyOf(List.of(scope.split(" "))), null,
            AuthRequest.blankToNull(r.get(7).toString())), r.get(1).toString());
      }
      case REUSED -> new Rotated(o, null, r.get(1).toString());
      default -> new Rotated(o, null, null);
    };
  }

  /** Client, access token and scope of a family: {client_id, session sha, scope} or null. */
  Future<String[]> owner(String familyId) {
    return redis.read(keys.oidcRefreshFamily(familyId)).map(m -> m == null ? null
        : new String[] {m.get(RedisFields.OidcRefresh.CLIENT_ID.field()),
            m.get(RedisFields.OidcRefresh.SESSION.field()), m.getOrDefault(RedisFields.OidcRefresh.SCOPE.field(), "")});
  }

  Future<Boolean> delete(String familyId) {
    return redis.delete(keys.oidcRefreshFamily(familyId));
  }
}
