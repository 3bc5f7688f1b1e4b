package io.wxlogin.login.oidc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /.well-known/openid-configuration} (OpenID Connect Discovery 1.0, section 3) and the JWKS. */
final class DiscoveryHandler {

  private final JsonObject document;
  private final SigningKeys keys;

  DiscoveryHandler(String issuer, SigningKeys keys) {
    this.keys = keys;
    this.document = new JsonObject()
        .put("issuer", issuer)
        .put("authorization_endpoint", issuer + OidcRoutes.AUTHORIZE)
        .put("token_endpoint", issuer + OidcRoutes.TOKEN)
        .put("userinfo_endpoint", issuer + OidcRoutes.USERINFO)
        .put("jwks_uri", issuer + OidcRoutes.JWKS)
        .put("end_session_endpoint", issuer + OidcRoutes.LOGOUT)
        .put("revocation_endpoint", issuer + OidcRoutes.REVOKE)
        .put("scopes_supported", new JsonArray().add("openid").add("offline_access"))
        .put("response_types_supported", new JsonArray().add("code"))
        .put("response_modes_supported", new JsonArray().add("query"))
        .put("grant_types_supported", new JsonArray().add("authorization_code").add("refresh_token"))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256").add("ES256"))
        .put("token_endpoint_auth_methods_supported",
            new JsonArray().add("client_secret_basic").add("client_secret_post").add("none"))
        .put("revocation_endpoint_auth_methods_supported",
            new JsonArray().add("client_secret_basic").add("client_secret_post").add("none"))
        .put("code_challenge_methods_supported", new JsonArray().add("S256"))
        .put("prompt_values_supported", new JsonArray().add("none").add("login").add("consent").add("select_account"))
        .put("claims_supported", new JsonArray().add("iss").add("sub").add("aud").add("exp").add("iat")
            .add("auth_time").add("nonce").add("amr").add("at_hash").add("azp").add("sid").add("wechat_new_user"))
        .put("authorization_response_iss_parameter_supported", true)
        .put("request_parameter_supported", false)
        .put("request_uri_parameter_supported", false)
        .put("claims_parameter_supported", false);
  }

  void discovery(RoutingContext ctx) {
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=3600").end(document.encode());
  }

  /** Relying parties cache this; a new key is published well before it signs (docs/oidc.md, rotation). */
  void jwks(RoutingContext ctx) {
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/jwk-set+json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=300").end(keys.jwks().encode());
  }
}
