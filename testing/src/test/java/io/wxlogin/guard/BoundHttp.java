package io.wxlogin.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 from a chosen local address (e.g. 127.1.0.1, another loopback address: another client as far as
 * the node can tell), one request per connection. java.net.http cannot bind its source address.
 */
final class BoundHttp {

  record Reply(int status, String headers, String body) {
    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private BoundHttp() {
  }

  static Reply send(String from, String method, String url, String body, String... headers) {
    return sendBytes(from, method, url, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** The body exactly as these bytes (to send what no encoder would write, such as invalid UTF-8). */
  static Reply sendBytes(String from, String method, String url, byte[] body, String... headers) {
    URI u = URI.create(url);
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5_000);
      s.setSoTimeout(40_000);
      StringBuilder req = new StringBuilder(method + " " + u.getRawPath()
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()) + " HTTP/1.1\r\nHost: " + u.getHost() + ":"
          + u.getPort() + "\r\nConnection: close\r\n");
      for (int i = 0; i < headers.length; i += 2) {
        req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      byte[] payload = body == null ? new byte[0] : body;
      req.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
      s.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().write(payload);
      s.getOutputStream().flush();
      return parse(readAll(s.getInputStream()));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " from " + from + ": " + e, e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  private static Reply parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return new Reply(0, "", text);
    }
    String head = text.substring(0, end);
    int status = Integer.parseInt(head.substring(9, 12));
    String body = text.substring(end + 4);
    if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = unchunk(body);
    }
    return new Reply(status, head, body);
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int eol = body.indexOf("\r\n", i);
      int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
