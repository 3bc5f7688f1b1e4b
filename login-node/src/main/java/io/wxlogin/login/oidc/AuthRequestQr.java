package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The QR code side of an authorization request: {@code POST /api/login/qrcode {"authreq":"<id>"}} names the
 * client on the scene (its {@code site}, shown in the WeChat reply) and ties the scene to the request, so that
 * only the user who scans this QR code can complete this request.
 */
public final class AuthRequestQr {

  /** The request named in a QR code request body is unknown or expired. */
  public static final class UnknownRequestException extends RuntimeException {
    UnknownRequestException() {
      super("unknown or expired authorization request");
    }
  }

  /** A pending request and the name of the client it logs in to. */
  public record Named(String id, String site) {
  }

  private final OidcConfig config;
  private final AuthRequests requests;

  AuthRequestQr(OidcConfig config, AuthRequests requests) {
    this.config = config;
    this.requests = requests;
  }

  /** The request a QR code call names in its optional JSON body, or null for a plain login. */
  public Future<Named> requestOf(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      return Future.succeededFuture(null);
    }
    try {
      return requestOf(ctx.body().asJsonObject());
    } catch (RuntimeException e) {
      return Future.failedFuture(new UnknownRequestException());
    }
  }

  /** The request named by the body, or null for a plain login; fails with UnknownRequestException. */
  Future<Named> requestOf(JsonObject body) {
    Object id = body == null ? null : body.getValue("authreq");
    if (id == null) {
      return Future.succeededFuture(null);
    }
    if (!(id instanceof String s)) {
      return Future.failedFuture(new UnknownRequestException());
    }
    return requests.find(s).map(p -> {
      OidcClient client = p == null ? null : config.client(p.request().clientId());
      if (client == null) {
        throw new UnknownRequestException();
      }
      return new Named(s, client.name());
    });
  }

  /** Records {@code scene} as the request's QR code; fails when the request expired meanwhile. */
  public Future<Void> attach(String id, String scene) {
    return requests.attachScene(id, scene).compose(attached -> attached ? Future.<Void>succeededFuture()
        : Future.failedFuture(new UnknownRequestException()));
  }
}
