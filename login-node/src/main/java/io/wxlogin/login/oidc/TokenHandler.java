package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.login.session.SessionStore;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /oauth2/token}: {@code authorization_code} (RFC 6749 4.1.3 + PKCE, RFC 7636 4.6) and
 * {@code refresh_token} with rotation (RFC 6749 6). A replayed code or refresh token is refused and ends what
 * its first use issued.
 */
final class TokenHandler {

  private final ClientAuth auth;
  private final Codes codes;
  private final RefreshFamilies families;
  private final SessionStore sessions;
  private final TokenIssuer issuer;
  private final Revoker revoker;

  /** An OAuth error answer (RFC 6749 5.2). */
  static final class OAuthError extends RuntimeException {
    final String code;

    OAuthError(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  TokenHandler(ClientAuth auth, Codes codes, RefreshFamilies families, SessionStore sessions, TokenIssuer issuer,
      Revoker revoker) {
    this.auth = auth;
    this.codes = codes;
    this.families = families;
    this.sessions = sessions;
    this.issuer = issuer;
    this.revoker = revoker;
  }

  void handle(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    for (String name : form.names()) {
      if (form.getAll(name).size() > 1) {
        OAuthReply.error(ctx, 400, "invalid_request", "The parameter " + name + " is given more than once.");
        return;
      }
    }
    ClientAuth.Result client = auth.authenticate(ctx, form);
    if (!client.ok()) {
      ClientAuth.reject(ctx, client);
      return;
    }
    String grantType = String.valueOf(form.get("grant_type"));
    Future<JsonObject> answer = switch (grantType) {
      case "authorization_code" -> code(client.client(), form);
      case "refresh_token" -> refresh(client.client(), form);
      default -> Future.failedFuture(new OAuthError("unsupported_grant_type",
          "grant_type must be authorization_code or refresh_token."));
    };
    answer.onSuccess(body -> OAuthReply.json(ctx, 200, body)).onFailure(e -> {
      if (e instanceof OAuthError o) {
        OAuthReply.error(ctx, 400, o.code, o.getMessage());
      } else {
        OAuthReply.unavailable(ctx, e);
      }
    });
  }

  private Future<JsonObject> code(OidcClient client, MultiMap form) {
    String verifier = form.get("code_verifier");
    if (verifier != null && !Opaque.verifier(verifier)) {
      return Future.failedFuture(new OAuthError("invalid_request", "code_verifier must be 43-128 unreserved characters."));
    }
    if (form.get("code") == null) {
      return Future.failedFuture(new OAuthError("invalid_request", "The code is missing."));
    }
    SessionStore.NewToken access = sessions.mint();
    String familyId = Opaque.random(16);
    return codes.redeem(form.get("code"), client.clientId(), form.get("redirect_uri"),
            verifier == null ? "" : Opaque.s256(verifier), Opaque.sha256Hex(access.token()), familyId)
        .compose(r -> switch (r.outcome()) {
          case OK -> issuer.issue(client, r.grant(), access,
              r.grant().offlineAccess() ? RefreshFamilies.Minted.of(familyId) : null, true);
          case REUSED -> revoker.session(r.sessionSha()).compose(v -> revoker.family(r.familyId()))
              .compose(v -> Future.failedFuture(new OAuthError("invalid_grant",
                  "This code was already used; the tokens it gave are revoked.")));
          case PKCE_FAILED -> Future.failedFuture(new OAuthError("invalid_grant",
              "The code_verifier does not match the code_challenge."));
          default -> Future.failedFuture(new OAuthError("invalid_grant",
              "The code is invalid, expired, or was issued to another client or redirect_uri."));
        });
  }

  private Future<JsonObject> refresh(OidcClient client, MultiMap form) {
    String presented = form.get("refresh_token");
    String family = RefreshFamilies.familyOf(presented);
    if (family == null) {
      return Future.failedFuture(new OAuthError("invalid_grant", "The refresh token is invalid."));
    }
    String scope = form.get("scope");
    Future<Void> scopeChecked = scope == null ? Future.succeededFuture() : families.owner(family).compose(owner ->
        owner == null || scopeAllowed(scope, Set.copyOf(List.of(owner[2].split(" ")))) ? Future.succeededFuture()
            : Future.failedFuture(new OAuthError("invalid_scope", "A refresh cannot add scopes.")));
    SessionStore.NewToken access = sessions.mint();
    RefreshFamilies.Minted next = RefreshFamilies.Minted.of(family);
    return scopeChecked.compose(x -> families.rotate(presented, client.clientId(), next, Opaque.sha256Hex(access.token())))
        .compose(r -> switch (r.outcome()) {
          case OK -> revoker.session(r.previousSessionSha()).compose(v -> issuer.issue(client, r.grant(), access, next,
              false));
          case REUSED -> revoker.session(r.previousSessionSha()).compose(v -> Future.failedFuture(new OAuthError(
              "invalid_grant", "This refresh token was already used; its whole family is revoked.")));
          default -> Future.failedFuture(new OAuthError("invalid_grant", "The refresh token is invalid or expired."));
        });
  }

  private static boolean scopeAllowed(String requested, Set<String> granted) {
    return List.of(requested.strip().split(" +")).stream().allMatch(granted::contains);
  }
}
