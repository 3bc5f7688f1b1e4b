package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;

/**
 * {@code POST /oauth2/revoke} (RFC 7009): a client revokes its own access or refresh token. Unknown tokens and
 * tokens of other clients get the same 200 and nothing changes, so the endpoint tells nobody whether a token
 * exists. Revoking a refresh token ends its family and the access token issued with it.
 */
final class RevokeHandler {

  private final ClientAuth auth;
  private final RefreshFamilies families;
  private final Revoker revoker;
  private final RedisHashes redis;
  private final RedisKeys keys;

  RevokeHandler(ClientAuth auth, RefreshFamilies families, Revoker revoker, RedisHashes redis, RedisKeys keys) {
    this.auth = auth;
    this.families = families;
    this.revoker = revoker;
    this.redis = redis;
    this.keys = keys;
  }

  void handle(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    ClientAuth.Result client = auth.authenticate(ctx, form);
    if (!client.ok()) {
      ClientAuth.reject(ctx, client);
      return;
    }
    String token = form.get("token");
    if (token == null || form.getAll("token").size() > 1) {
      OAuthReply.error(ctx, 400, "invalid_request", "Send exactly one token to revoke.");
      return;
    }
    String clientId = client.client().clientId();
    String family = RefreshFamilies.familyOf(token);
    Future<Void> done = family != null ? revokeFamily(family, clientId) : revokeAccess(token, clientId);
    done.onSuccess(v -> ctx.response().setStatusCode(200).putHeader("Cache-Control", "no-store").end())
        .onFailure(t -> OAuthReply.unavailable(ctx, t));
  }

  private Future<Void> revokeFamily(String family, String clientId) {
    return families.owner(family).compose(owner -> owner != null && clientId.equals(owner[0])
        ? revoker.family(family) : Future.succeededFuture());
  }

  private Future<Void> revokeAccess(String token, String clientId) {
    String sha = Opaque.sha256Hex(token);
    return redis.read(keys.session(sha)).compose(s -> s != null && clientId.equals(s.get(RedisFields.Session.CLIENT_ID.field()))
        ? revoker.session(sha) : Future.succeededFuture());
  }
}
