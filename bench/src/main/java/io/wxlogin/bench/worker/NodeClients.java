package io.wxlogin.bench.worker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP to the login nodes, as browsers and as WeChat. Long-polls get a pool of their own, so thousands of
 * held polls never make a QR request or a callback queue for a connection, and callbacks get theirs, so
 * the notify-latency path never waits behind QR creation. Every connection is bound to one of this
 * worker's loopback source addresses: the kernel gives each address its own ~28k ephemeral ports.
 */
final class NodeClients {

  record Node(String host, int port) {
  }

  record QrCode(String scene, String ticket) {
  }

  /** An HTTP status and the {@code status} field of the JSON answer (PENDING, CONFIRMED, CONSUMED, EXPIRED). */
  record PollAnswer(int httpStatus, String status) {
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
        .setPipelining(false)
        .setTcpNoDelay(true)
        .setConnectTimeout(10_000)
        .setLocalAddress(localAddresses.get(addressIndex));
    return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(-1));
  }

  Future<QrCode> createQr(int node) {
    return send(shortRequests, node, HttpMethod.POST, "/api/login/qrcode", null, 15_000).compose(r -> {
      if (r.status() != 201) {
        return Future.failedFuture(new Unexpected("qr:" + r.status()));
      }
      JsonObject json = new JsonObject(r.body());
      String url = json.getString("qrImageUrl", "");
      int at = url.indexOf("ticket=");
      String ticket = at < 0 ? "" : URLDecoder.decode(url.substring(at + 7), StandardCharsets.UTF_8);
      return Future.succeededFuture(new QrCode(json.getString("scene"), ticket));
    });
  }

  Future<PollAnswer> poll(int node, String scene, int waitSeconds) {
    return send(polls, node, HttpMethod.GET, "/api/login/" + scene + "?wait=" + waitSeconds, null,
        waitSeconds * 1000L + 20_000).map(r -> {
          String status = "";
          if (r.status() == 200 || r.status() == 404 || r.status() == 410) {
            status = new JsonObject(r.body()).getString("status", "");
          }
          return new PollAnswer(r.status(), status);
        });
  }

  /** Posts a signed event; succeeds with WeChat's passive reply text (the XML) when the node answered 200. */
  /**
   * Posts a scan event; answers the node's {@code X-Wxlogin-Outcome} header (logged_in, returning, retry...; see
   * docs/wechat-protocol.md), the machine-readable form of what the user is told, or "" when there is none.
   */
  Future<String> callback(int node, String query, String xml) {
    return send(callbacks, node, HttpMethod.POST, "/wechat/callback?" + query, Buffer.buffer(xml), 10_000)
        .compose(r -> r.status() == 200 ? Future.succeededFuture(r.outcome() == null ? "" : r.outcome())
            : Future.failedFuture(new Unexpected("callback:" + r.status())));
  }

  /** Closes every held poll's connection at once (the nodes drop those polls) and moves to a fresh source address. */
  Future<Void> dropPolls() {
    HttpClient old = polls;
    addressIndex = (addressIndex + 1) % localAddresses.size();
    polls = client(POLL_POOL_PER_NODE);
    return old.close();
  }

  private record Answer(int status, String outcome, Buffer body) {
  }

  private Future<Answer> send(HttpClient client, int node, HttpMethod method, String uri, Buffer body, long timeoutMs) {
    Node n = nodes.get(node);
    RequestOptions options = new RequestOptions().setMethod(method).setHost(n.host()).setPort(n.port()).setURI(uri)
        .setIdleTimeout(timeoutMs);
    if (body != null) {
      options.putHeader("Content-Type", "text/xml");
    }
    return client.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), resp.getHeader(OUTCOME), b)));
  }

  Vertx vertx() {
    return vertx;
  }
}
