package io.wxlogin.bench.cluster;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code INFO commandstats} over a plain socket: calls per command since Redis started. Redis counts the
 * commands a Lua script runs as well as the {@code EVALSHA} that ran it, so a delta holds both levels.
 * The bench's own {@code INFO} calls are left out.
 */
public final class RedisInfo {

  private final String host;
  private final int port;

  public RedisInfo(String host, int port) {
    this.host = host;
    this.port = port;
  }

  public Map<String, Long> commandCalls() {
    return parseCommandStats(info("commandstats"));
  }

  public String info(String section) {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("*2\r\n$4\r\nINFO\r\n$" + section.length() + "\r\n" + section + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String header = readLine(in);
      if (!header.startsWith("$")) {
        throw new IOException("unexpected INFO reply " + header);
      }
      byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read INFO " + section + " from Redis at " + host + ":" + port + ": " + e, e);
    }
  }

  /** {@code cmdstat_evalsha:calls=12,usec=…} lines to {evalsha=12}; subcommands keep their {@code |} names. */
  public static Map<String, Long> parseCommandStats(String info) {
    Map<String, Long> calls = new TreeMap<>();
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = line.substring("cmdstat_".length(), colon);
      for (String field : line.substring(colon + 1).split(",")) {
        if (field.startsWith("calls=")) {
          calls.put(name, Long.parseLong(field.substring(6)));
        }
      }
    }
    calls.remove("info");
    return calls;
  }

  /** {@code after − before} per command, zeros left out. */
  public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> d = new TreeMap<>();
    after.forEach((name, a) -> {
      long diff = a - before.getOrDefault(name, 0L);
      if (diff != 0) {
        d.put(name, diff);
      }
    });
    return d;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
