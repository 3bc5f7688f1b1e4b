package io.wxlogin.login.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.RedisKeys;

/**
 * The QR code side of an authorization request: {@code POST /api/login/qrcode {"authreq":"<id>"}} shows the
 * client's name on the scene ({@code site}) and ties the scene to the request, so that only the user who scans
 * this QR code can complete this request.
 */
public final class AuthRequestQr {

  /** The request named in a QR code request body is unknown or expired. */
  public static final class UnknownRequestException extends RuntimeException {
    UnknownRequestException() {
      super("unknown or expired authorization request");
    }
  }

  private final OidcConfig config;
  private final AuthRequests requests;
  private final RedisHashes redis;
  private final RedisKeys keys;

  AuthRequestQr(OidcConfig config, AuthRequests requests, RedisHashes redis, RedisKeys keys) {
    this.config = config;
    this.requests = requests;
    this.redis = redis;
    this.keys = keys;
  }

  /** The id named by the body, or null for a plain login; fails with UnknownRequestException. */
  public Future<String> requestOf(JsonObject body) {
    Object id = body == null ? null : body.getValue("authreq");
    if (id == null) {
      return Future.succeededFuture(null);
    }
    if (!(id instanceof String s)) {
      return Future.failedFuture(new UnknownRequestException());
    }
    return requests.find(s).map(p -> {
      if (p == null || config.client(p.request().clientId()) == null) {
        throw new UnknownRequestException();
      }
      return s;
    });
  }

  /** The display name for the scene of request {@code id}. */
  public Future<String> siteOf(String id) {
    return requests.find(id).map(p -> p == null ? null : config.client(p.request().clientId()).name());
  }

  /** Records {@code scene} as the request's QR code and the client's name as the scene's site. */
  public Future<Void> attach(String id, String scene) {
    return requests.attachScene(id, scene).compose(attached -> {
      if (!attached) {
        return Future.failedFuture(new UnknownRequestException());
      }
      return siteOf(id).compose(site -> site == null ? Future.succeededFuture()
          : redis.send(Request.cmd(Command.HSET).arg(keys.scene(scene)).arg("site").arg(site)).mapEmpty());
    });
  }
}
