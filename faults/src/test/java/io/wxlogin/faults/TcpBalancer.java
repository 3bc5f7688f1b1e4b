package io.wxlogin.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A layer-4 load balancer in front of login nodes, as a cloud TCP balancer or a Kubernetes Service: each new
 * connection goes to the first backend that accepts it, in order (primary, then fallbacks). A backend that
 * dies mid-request closes its client's connection with no answer, which is what makes WeChat re-send the
 * event; the re-send then reaches the next live node.
 */
final class TcpBalancer implements AutoCloseable {

  private final ServerSocket server;
  private final List<Integer> backends;
  private final ExecutorService pipes = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tcp-balancer");
    t.setDaemon(true);
    return t;
  });

  TcpBalancer(List<Integer> backends) throws IOException {
    this.backends = List.copyOf(backends);
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    pipes.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        pipes.execute(() -> route(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void route(Socket client) {
    for (int port : backends) {
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      } catch (IOException refused) {
        closeQuietly(upstream);
        continue;
      }
      pipes.execute(() -> pipe(client, upstream));
      pipe(upstream, client);
      return;
    }
    closeQuietly(client);
  }

  private static void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException ignored) {
      // either side went away: both are closed below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pipes.shutdownNow();
  }
}
