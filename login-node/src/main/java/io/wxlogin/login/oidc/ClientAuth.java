package io.wxlogin.login.oidc;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 2.3.1, OIDC Core 9):
 * {@code client_secret_basic}, {@code client_secret_post}, or {@code none} for a public client (which then
 * proves itself with PKCE). Using two methods at once is refused.
 */
final class ClientAuth {

  private final OidcConfig config;

  /** The authenticated client, or the error to answer. */
  record Result(OidcClient client, int status, String error, String message) {
    boolean ok() {
      return client != null;
    }
  }

  ClientAuth(OidcConfig config) {
    this.config = config;
  }

  Result authenticate(RoutingContext ctx, MultiMap form) {
    String header = ctx.request().getHeader("Authorization");
    String formId = form.get("client_id");
    String formSecret = form.get("client_secret");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (formSecret != null) {
        return bad(400, "invalid_request", "Use one client authentication method, not two.");
      }
      String[] pair = basic(header.substring(6).strip());
      if (pair == null || (formId != null && !formId.equals(pair[0]))) {
        return bad(401, "invalid_client", "Client authentication failed.");
      }
      return secret(pair[0], pair[1]);
    }
    if (formSecret != null) {
      return secret(formId, formSecret);
    }
    OidcClient c = config.client(formId);
    if (c == null || c.confidential()) {
      return bad(401, "invalid_client", "Client authentication failed.");
    }
    return new Result(c, 200, null, null);
  }

  private Result secret(String id, String secret) {
    OidcClient c = config.client(id);
    if (c == null || !c.confidential() || !Opaque.sameSecret(c.secret(), secret)) {
      return bad(401, "invalid_client", "Client authentication failed.");
    }
    return new Result(c, 200, null, null);
  }

  /** RFC 6749 2.3.1: the id and secret are form-urlencoded before they are joined with ':' and base64-encoded. */
  private static String[] basic(String value) {
    try {
      String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return null;
      }
      return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
          URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Result bad(int status, String error, String message) {
    return new Result(null, status, error, message);
  }

  /** Answers a failed authentication; a 401 names the scheme the client may retry with. */
  static void reject(RoutingContext ctx, Result r) {
    if (r.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"wxlogin\"");
    }
    OAuthReply.error(ctx, r.status(), r.error(), r.message());
  }
}
