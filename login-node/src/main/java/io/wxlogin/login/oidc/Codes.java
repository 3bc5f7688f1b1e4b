package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;
import java.util.List;
import java.util.Set;

/**
 * Authorization codes, {@code oidc-code:<sha256 of code>}: one-shot, alive {@code codeTtl} seconds, bound to the
 * client, the redirect_uri, the PKCE challenge and the nonce. Redeeming marks the code used and records what it
 * is about to issue, in the same step, so a second redemption finds what to revoke (RFC 6749 4.1.2).
 */
final class Codes {

  private static final LuaScript REDEEM = LuaScript.load(Codes.class, "code-redeem.lua",
      LuaScript.fieldTable("CODE", RedisFields.OidcCode.values()));
  private static final LuaScript ISSUE = LuaScript.load(Codes.class, "code-issue.lua",
      LuaScript.fieldTable("CODE", RedisFields.OidcCode.values()));
  /** A used code is remembered this long, so a late replay still revokes what it issued. */
  static final int USED_MEMORY_SECONDS = 600;

  private final RedisHashes redis;
  private final RedisKeys keys;
  private final int ttlSeconds;

  enum Outcome { OK, MISSING, MISMATCH, PKCE_FAILED, REUSED }

  /** The redemption's outcome; for OK the grant, for REUSED what the first redemption issued. */
  record Redeemed(Outcome outcome, Grant grant, String redirectUri, String sessionSha, String familyId) {
  }

  Codes(RedisHashes redis, RedisKeys keys, int ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
  }

  Future<String> issue(Grant g, String redirectUri, String codeChallenge) {
    String code = Opaque.random(32);
    return ISSUE.run(redis.client(), List.of(keys.oidcCode(Opaque.sha256Hex(code))), List.of(String.valueOf(ttlSeconds),
            g.clientId(), redirectUri, codeChallenge == null ? "" : codeChallenge, g.nonce() == null ? "" : g.nonce(),
            g.openid(), g.newUser() ? "1" : "0", String.valueOf(g.authTime()), String.join(" ", g.scopes()),
            g.sid() == null ? "" : g.sid()))
        .map(r -> code);
  }

  /**
   * @param challenge the S256 of the presented code_verifier, or "" when none was presented
   * @param sessionSha the access token's digest the redemption will issue
   * @param familyId the refresh family it will issue (when the grant has offline_access)
   */
  Future<Redeemed> redeem(String code, String clientId, String redirectUri, String challenge, String sessionSha,
      String familyId) {
    if (!Opaque.urlSafe(code, 43)) {
      return Future.succeededFuture(new Redeemed(Outcome.MISSING, null, null, null, null));
    }
    return REDEEM.run(redis.client(), List.of(keys.oidcCode(Opaque.sha256Hex(code))), List.of(clientId,
            redirectUri == null ? "" : redirectUri, challenge, sessionSha, familyId, String.valueOf(USED_MEMORY_SECONDS)))
        .map(Codes::redeemed);
  }

  private static Redeemed redeemed(Response r) {
    Outcome o = Outcome.valueOf(r.get(0).toString());
    if (o == Outcome.REUSED) {
      return new Redeemed(o, null, null, r.get(1).toString(), r.get(2).toString());
    }
    if (o != Outcome.OK) {
      return new Redeemed(o, null, null, null, null);
    }
    String scope = r.get(6).toString();
    Grant g = new Grant(r.get(1).toString(), r.get(2).toString(), "1".equals(r.get(3).toString()),
        Long.parseLong(r.get(4).toString()), scope.isBlank() ? Set.of() : Set.copyOf(List.of(scope.split(" "))),
        AuthRequest.blankToNull(r.get(5).toString()), AuthRequest.blankToNull(r.get(7).toString()));
    return new Redeemed(o, g, null, null, null);
  }
}
