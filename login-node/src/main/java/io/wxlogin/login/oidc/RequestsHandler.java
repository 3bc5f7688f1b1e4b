package io.wxlogin.login.oidc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /oauth2/requests/<id>}: what the QR page shows for a pending request (the client's name). */
final class RequestsHandler {

  private final OidcConfig config;
  private final AuthRequests requests;

  RequestsHandler(OidcConfig config, AuthRequests requests) {
    this.config = config;
    this.requests = requests;
  }

  void handle(RoutingContext ctx) {
    requests.find(ctx.pathParam("id"))
        .onSuccess(pending -> {
          OidcClient client = pending == null ? null : config.client(pending.request().clientId());
          if (client == null) {
            OAuthReply.error(ctx, 404, "unknown_request",
                "This login request is unknown or has expired; start again from the application.");
          } else {
            OAuthReply.json(ctx, 200, new JsonObject().put("client_name", client.name())
                .put("expiresIn", pending.expiresIn()));
          }
        })
        .onFailure(t -> OAuthReply.unavailable(ctx, t));
  }
}
