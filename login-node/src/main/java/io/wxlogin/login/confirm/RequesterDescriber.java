package io.wxlogin.login.confirm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What asks for a QR code, as the scene records it: the browser and OS of the request's {@code User-Agent}, its
 * client address masked to the network ({@code clientNet}, the same client-address rule as the rate limits)
 * and the site. The User-Agent rules load once on a worker thread, and a header not seen before is parsed there
 * too: an uncached parse costs about half a millisecond, too much for an event loop. What a header parsed to is
 * remembered here, so the few headers most browsers send cost a map lookup on the event loop instead of a hop
 * to a worker thread and back for every QR code (docs/benchmarks.md).
 */
public final class RequesterDescriber {

  private static final Pattern IP_LITERAL = Pattern.compile(
      "[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]{1,32})?");

  /** Distinct headers remembered; beyond that, new ones are parsed each time (a flood of made-up headers). */
  private static final int REMEMBERED = 2_000;

  private final Vertx vertx;
  private final Future<BrowserParser> parser;
  private final Map<String, BrowserParser.Browser> parsed = new ConcurrentHashMap<>();
  private final Function<HttpServerRequest, String> clientNet;
  private final String siteName;

  /** {@code clientNet}: the masked client network of a request, e.g. {@code 203.0.113.*}. */
  public RequesterDescriber(Vertx vertx, Function<HttpServerRequest, String> clientNet, String siteName) {
    this.vertx = vertx;
    this.parser = vertx.executeBlocking(BrowserParser::new, false);
    this.clientNet = clientNet;
    this.siteName = siteName;
  }

  /** Never fails: what cannot be told is recorded as unknown. */
  public Future<LoginRequester> describe(HttpServerRequest request, String site) {
    String userAgent = request.getHeader("User-Agent");
    String net = clientNet.apply(request);
    String shownSite = site != null ? site : siteName;
    BrowserParser.Browser known = userAgent == null ? null : parsed.get(userAgent);
    if (known != null) {
      return Future.succeededFuture(LoginRequester.of(known, net, shownSite));
    }
    return parser.compose(p -> vertx.executeBlocking(() -> p.parse(userAgent), false))
        .onSuccess(browser -> remember(userAgent, browser))
        .otherwise(new BrowserParser.Browser(null, null))
        .map(browser -> LoginRequester.of(browser, net, shownSite));
  }

  private void remember(String userAgent, BrowserParser.Browser browser) {
    if (userAgent != null && userAgent.length() <= 512 && parsed.size() < REMEMBERED) {
      parsed.put(userAgent, browser);
    }
  }

  /**
   * The TCP peer's network, /24 for IPv4 and /48 for IPv6: the client address when no proxy stands in between.
   * Behind a proxy the login node's client-address rule ({@code TRUSTED_PROXIES}) is handed in instead.
   */
  public static String peerNet(HttpServerRequest request) {
    return request.remoteAddress() == null ? null : masked(request.remoteAddress().hostAddress());
  }

  /** {@code 203.0.113.7} → {@code 203.0.113.*}; {@code 2001:db8:1:2::5} → {@code 2001:db8:1::*}; else null. */
  static String masked(String ip) {
    if (ip == null || !IP_LITERAL.matcher(ip).matches()) {
      return null;
    }
    byte[] b;
    try {
      b = InetAddress.getByName(ip).getAddress(); // a literal: no name lookup
    } catch (UnknownHostException e) {
      return null;
    }
    if (b.length == 4) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".*";
    }
    return Integer.toHexString(group(b, 0)) + ":" + Integer.toHexString(group(b, 2)) + ":"
        + Integer.toHexString(group(b, 4)) + "::*";
  }

  private static int group(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }
}
