package io.wxlogin.bench.worker;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP to the login nodes, as browsers, as WeChat and as an OpenID Connect relying party. Long-polls get a
 * pool of their own, so thousands of held polls never make a QR request or a callback queue for a
 * connection, and callbacks get theirs, so the notify-latency path never waits behind QR creation. Every
 * connection is bound to one of this worker's loopback source addresses: the kernel gives each address its
 * own ~28k ephemeral ports. Each browser presents its own client address ({@link ClientAddresses}).
 *
 * <p>Kept cheap, because the load generator shares the machine with what it measures: answers are read with
 * {@link JsonField} instead of a JSON tree, headers are built once, and every connection is kept alive.
 */
final class NodeClients {

  record Node(String host, int port) {
  }

  record QrCode(String scene, String ticket) {
  }

  /**
   * An HTTP status, the {@code status} field of the JSON answer (PENDING, SCANNED, CONFIRMED, CONSUMED,
   * EXPIRED) and, with CONFIRMED, the session token.
   */
  record PollAnswer(int httpStatus, String status, String sessionToken) {
  }

  /** A request that did not get the answer it should have; {@code reason} is short, for counting. */
  static final class Unexpected extends RuntimeException {
    final String reason;

    Unexpected(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  private static final String OUTCOME = "X-Wxlogin-Outcome";
  private static final int POLL_POOL_PER_NODE = 25_000;
  private static final int SHORT_POOL_PER_NODE = 96;
  private static final int CALLBACK_POOL_PER_NODE = 48;
  /** Browsers come with real User-Agents; the nodes parse them (cached) to tell the user what is logging in. */
  private static final List<String> USER_AGENTS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
  private static final JsonField STATUS = new JsonField("status");
  private static final JsonField TOKEN = new JsonField("token");
  private static final JsonField SCENE = new JsonField("scene");
  private static final JsonField QR_IMAGE = new JsonField("qrImageUrl");
  private static final JsonField REDIRECT = new JsonField("redirect");
  private static final JsonField ACCESS_TOKEN = new JsonField("access_token");

  private final Vertx vertx;
  private final List<Node> nodes;
  private final List<String> localAddresses;
  private int addressIndex;
  private HttpClient polls;
  private final HttpClient shortRequests;
  private final HttpClient callbacks;

  NodeClients(Vertx vertx, List<Node> nodes, List<String> localAddresses) {
    this.vertx = vertx;
    this.nodes = nodes;
    this.localAddresses = localAddresses;
    this.polls = client(POLL_POOL_PER_NODE);
    this.shortRequests = client(SHORT_POOL_PER_NODE);
    this.callbacks = client(CALLBACK_POOL_PER_NODE);
  }

  private HttpClient client(int poolSize) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        // below the nodes' HTTP_KEEPALIVE_IDLE_SECONDS (30), as a proxy in front of them must be: a connection the
        // node closes for idleness just as the pool hands it out fails the request (docs/security.md)
        .setKeepAliveTimeout(20)
        .setPipelining(false)
        .setTcpNoDelay(true)
        .setConnectTimeout(10_000)
        .setLocalAddress(localAddresses.get(addressIndex));
    return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(-1));
  }

  /** A browser's request headers: its address (through the trusted proxy) and a User-Agent. */
  static MultiMap browser(String clientAddress, long seq) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (clientAddress != null) {
      h.set("X-Forwarded-For", clientAddress);
    }
    h.set("User-Agent", USER_AGENTS.get((int) (seq % USER_AGENTS.size())));
    return h;
  }

  /** {@code POST /api/login/qrcode}, with {@code {"authreq":…}} for an OpenID Connect authorization request. */
  Future<QrCode> createQr(int node, MultiMap browser, String authreq) {
    Buffer body = null;
    MultiMap headers = browser;
    if (authreq != null) {
      body = Buffer.buffer("{\"authreq\":\"" + authreq + "\"}");
      headers = MultiMap.caseInsensitiveMultiMap().addAll(browser).set("Content-Type", "application/json");
    }
    return send(shortRequests, node, HttpMethod.POST, "/api/login/qrcode", headers, body, 15_000).compose(r -> {
      if (r.status() != 201) {
        return Future.failedFuture(new Unexpected("qr:" + r.status()));
      }
      String url = QR_IMAGE.in(r.body());
      int at = url == null ? -1 : url.indexOf("ticket=");
      String ticket = at < 0 ? "" : URLDecoder.decode(url.substring(at + 7), StandardCharsets.UTF_8);
      return Future.succeededFuture(new QrCode(SCENE.in(r.body()), ticket));
    });
  }

  Future<PollAnswer> poll(int node, String scene, int waitSeconds, MultiMap browser) {
    return send(polls, node, HttpMethod.GET, "/api/login/" + scene + "?wait=" + waitSeconds, browser, null,
        waitSeconds * 1000L + 20_000).map(r -> {
          String status = "";
          String token = null;
          if (r.status() == 200 || r.status() == 404 || r.status() == 410) {
            status = STATUS.in(r.body());
            status = status == null ? "" : status;
            if ("CONFIRMED".equals(status)) {
              token = TOKEN.in(r.body());
            }
          }
          return new PollAnswer(r.status(), status, token);
        });
  }

  /**
   * Posts a signed WeChat push; answers the node's {@code X-Wxlogin-Outcome} header (logged_in, returning,
   * scanned, confirmed, retry...; see docs/wechat.md), the machine-readable form of what the user is
   * told, or "" when there is none.
   */
  Future<String> callback(int node, String query, String xml) {
    return send(callbacks, node, HttpMethod.POST, "/wechat/callback?" + query, XML, CallbackSigner.bytes(xml), 10_000)
        .compose(r -> r.status() == 200 ? Future.succeededFuture(r.outcome() == null ? "" : r.outcome())
            : Future.failedFuture(new Unexpected("callback:" + r.status())));
  }

  private static final MultiMap XML = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "text/xml");

  /** Whether the node serves the OpenID provider (its discovery document). */
  Future<Boolean> hasOidc(int node) {
    return send(shortRequests, node, HttpMethod.GET, "/.well-known/openid-configuration", null, null, 10_000)
        .map(r -> r.status() == 200);
  }

  /** {@code GET /oauth2/authorize?…}: the id of the authorization request the QR page is sent to. */
  Future<String> authorize(int node, String query, MultiMap browser) {
    return send(shortRequests, node, HttpMethod.GET, "/oauth2/authorize?" + query, browser, null, 10_000)
        .compose(r -> {
          String location = r.location() == null ? "" : r.location();
          int at = location.indexOf("authreq=");
          if (r.status() != 302 || at < 0) {
            return Future.failedFuture(new Unexpected("authorize:" + r.status()));
          }
          int end = location.indexOf('&', at);
          return Future.succeededFuture(location.substring(at + 8, end < 0 ? location.length() : end));
        });
  }

  /** {@code POST /oauth2/complete}: the page hands its session over and gets the redirect with the code. */
  Future<String> complete(int node, String authreq, String sessionToken, MultiMap browser) {
    Buffer body = Buffer.buffer("{\"authreq\":\"" + authreq + "\",\"token\":\"" + sessionToken + "\"}");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(browser).set("Content-Type", "application/json");
    return send(shortRequests, node, HttpMethod.POST, "/oauth2/complete", headers, body, 10_000).compose(r -> {
      String redirect = r.status() == 200 ? REDIRECT.in(r.body()) : null;
      int at = redirect == null ? -1 : redirect.indexOf("code=");
      if (at < 0) {
        return Future.failedFuture(new Unexpected("complete:" + r.status()));
      }
      int end = redirect.indexOf('&', at);
      return Future.succeededFuture(URLDecoder.decode(redirect.substring(at + 5, end < 0 ? redirect.length() : end),
          StandardCharsets.UTF_8));
    });
  }

  /** {@code POST /oauth2/token} (authorization_code, client_secret_basic): the access token. */
  Future<String> token(int node, String form, String basicAuth) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/x-www-form-urlencoded")
        .set("Authorization", basicAuth);
    return send(shortRequests, node, HttpMethod.POST, "/oauth2/token", headers, Buffer.buffer(form), 10_000)
        .compose(r -> {
          String access = r.status() == 200 ? ACCESS_TOKEN.in(r.body()) : null;
          return access == null ? Future.failedFuture(new Unexpected("token:" + r.status()))
              : Future.succeededFuture(access);
        });
  }

  /** {@code GET /oauth2/userinfo} with the access token. */
  Future<Void> userinfo(int node, String accessToken) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Authorization", "Bearer " + accessToken);
    return send(shortRequests, node, HttpMethod.GET, "/oauth2/userinfo", headers, null, 10_000)
        .compose(r -> r.status() == 200 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new Unexpected("userinfo:" + r.status())));
  }

  /** Closes every held poll's connection at once (the nodes drop those polls) and moves to a fresh source address. */
  Future<Void> dropPolls() {
    HttpClient old = polls;
    addressIndex = (addressIndex + 1) % localAddresses.size();
    polls = client(POLL_POOL_PER_NODE);
    return old.close();
  }

  private record Answer(int status, String outcome, String location, Buffer body) {
  }

  private Future<Answer> send(HttpClient client, int node, HttpMethod method, String uri, MultiMap headers,
      Buffer body, long timeoutMs) {
    Node n = nodes.get(node);
    RequestOptions options = new RequestOptions().setMethod(method).setHost(n.host()).setPort(n.port()).setURI(uri)
        .setIdleTimeout(timeoutMs);
    if (headers != null) {
      options.setHeaders(headers);
    }
    return client.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), resp.getHeader(OUTCOME),
            resp.getHeader("Location"), b)));
  }

  Vertx vertx() {
    return vertx;
  }
}
