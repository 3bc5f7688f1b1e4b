package io.wxlogin.token.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP pass-through between one token-server replica and Redis. {@link #cut()} is how a test crashes a
 * replica honestly: every connection is reset and new ones are refused, so Redis sees exactly what it sees
 * when a process dies — renewals stop, and the lease release that the replica's stop() still attempts never
 * arrives. The replica's Vert.x is then closed to end the process's remaining work.
 */
public final class RedisProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int redisPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  public RedisProxy(int redisPort) throws IOException {
    this.redisPort = redisPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "redis-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "redis://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!cut) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!cut) {
          sleep();
        }
        continue;
      }
      try {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), redisPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // Redis is down: refuse this client as Redis itself would, rather than leave it hanging
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side went away: the other follows
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "redis-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Resets every connection and refuses new ones, for good. */
  public void cut() {
    cut = true;
    closeQuietly(server);
    for (Socket s : sockets) {
      try {
        s.setSoLinger(true, 0);
      } catch (IOException e) {
        // already closed
      }
      closeQuietly(s);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing left to do
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    cut();
  }
}
