package io.wxlogin.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Somebody else's web site on its own origin: its page embeds the login box with one script tag from the
 * login node, as the README tells site owners to, and its own script shows who logged in; /callback is
 * where an OpenID Connect login sends the browser back.
 */
final class HostSite implements AutoCloseable {

  private final HttpServer server;
  private volatile String loginOrigin = "";

  HostSite() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::serve);
    server.start();
  }

  /** http://127.0.0.1:port: the origin to list in the nodes' CORS_ALLOWED_ORIGINS. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Where the site's page loads wxlogin.js from. */
  void loginOrigin(String url) {
    loginOrigin = url;
  }

  private void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (path.equals("/")) {
      send(ex, "text/html", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Example shop</title>"
          + "<script src=\"" + loginOrigin + "/wxlogin.js\"></script><script src=\"/shop.js\" defer></script></head>"
          + "<body><h1>Example shop</h1><div id=\"box\"></div><p id=\"greeting\"></p></body></html>");
    } else if (path.equals("/callback")) {
      send(ex, "text/html", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Example shop</title>"
          + "</head><body><h1>Example shop</h1><p>Signing you in…</p></body></html>");
    } else if (path.equals("/shop.js")) {
      send(ex, "text/javascript", "WxLogin.mount(document.getElementById('box'), { lang: 'en', onLogin: function (l) {"
          + " document.getElementById('greeting').textContent = 'Welcome ' + l.openid"
          + " + (l.newUser ? ' (new)' : ' (returning)') + ', token ' + (l.token ? 'received' : 'missing'); } });");
    } else {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    }
  }

  private static void send(HttpExchange ex, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
