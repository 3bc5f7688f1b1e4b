package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.wxlogin.testing.Sockets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard in front of a real Vert.x HTTP server, probed with raw sockets as an outsider would. */
class ConnectionGuardTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<Socket> sockets = new ArrayList<>();
  private Refusals refusals;
  private int port;

  private void start(ConnectionGuard.Limits limits, String trusted) throws Exception {
    refusals = new Refusals(new SimpleMeterRegistry(), new RefusalLog(System.getLogger("wxlogin.guard-test")));
    ConnectionGuard guard = new ConnectionGuard(vertx, ClientAddress.trusting(trusted), limits, refusals);
    HttpServer server = vertx.createHttpServer(ConnectionGuard.serverOptions())
        .connectionHandler(guard::onConnection)
        .requestHandler(req -> {
          guard.onRequest(req);
          if (req.path().equals("/hold")) {
            vertx.setTimer(3_000, id -> req.response().end("held"));
          } else {
            req.body().onSuccess(b -> req.response().end("ok"));
          }
        });
    vertx.runOnContext(v -> guard.start());
    port = server.listen(0, "0.0.0.0").await(10, TimeUnit.SECONDS).actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private Socket connect(String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    s.setSoTimeout(20_000);
    sockets.add(s);
    return s;
  }

  private static String get(Socket s, String path) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    byte[] buf = new byte[4096];
    int n = s.getInputStream().read(buf);
    return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
  }

  private static ConnectionGuard.Limits limits(int perAddress, int perNode) {
    return new ConnectionGuard.Limits(perAddress, perNode, 1_000, 1_000, 1_000);
  }

  @Test
  void anIdleConnectionAndASlowlorisAreClosed() throws Exception {
    start(limits(100, 100), "");
    Socket idle = connect("127.0.0.1");
    Socket slow = connect("127.0.0.1");
    Thread dribble = new Thread(() -> {
      try {
        for (byte b : "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes()) {
          slow.getOutputStream().write(b);
          Thread.sleep(200);
        }
      } catch (Exception e) {
        // the server hung up: what this test wants
      }
    });
    dribble.setDaemon(true);
    dribble.start();
    assertTrue(Sockets.closedByServer(idle), "an idle connection stayed open");
    assertTrue(Sockets.closedByServer(slow), "a one-byte-at-a-time request head stayed open");
    assertTrue(refusals.total("header_deadline") >= 2);
  }

  @Test
  void aSlowBodyIsCutButAnAnsweredKeepAliveConnectionOnlyWhenIdle() throws Exception {
    start(limits(100, 100), "");
    Socket slowBody = connect("127.0.0.1");
    slowBody.getOutputStream().write("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab".getBytes());
    assertTrue(Sockets.closedByServer(slowBody), "a body that never arrives kept the connection");
    assertTrue(refusals.total("body_deadline") >= 1);
    Socket keepAlive = connect("127.0.0.1");
    assertTrue(get(keepAlive, "/ok").contains("200 OK"));
    assertTrue(Sockets.closedByServer(keepAlive), "an idle keep-alive connection stayed open");
  }

  @Test
  void aRequestBeingAnsweredIsNeverCutWhateverItTakes() throws Exception {
    start(limits(100, 100), "");
    Socket poll = connect("127.0.0.1");
    String answer = get(poll, "/hold");
    assertTrue(answer.contains("200 OK") && answer.contains("held"), answer);
  }

  @Test
  void oneAddressGetsItsCapAndAnotherAddressIsStillServed() throws Exception {
    start(limits(5, 100), "");
    for (int i = 0; i < 5; i++) {
      assertTrue(get(connect("127.0.0.1"), "/ok").contains("200 OK"));
    }
    Socket sixth = connect("127.0.0.1");
    assertTrue(Sockets.closedByServer(sixth), "the sixth connection from one address was kept");
    assertTrue(get(connect("127.1.0.1"), "/ok").contains("200 OK"), "another address is served meanwhile");
    assertEquals(1.0, refusals.total("connections_per_address"));
  }

  @Test
  void theNodeCapHoldsForEveryoneAndATrustedProxyCountsOnlyThere() throws Exception {
    start(limits(2, 6), "127.0.0.1/32");
    for (int i = 0; i < 6; i++) {
      assertTrue(get(connect("127.0.0.1"), "/ok").contains("200 OK"), "the proxy is not capped per address");
    }
    assertTrue(Sockets.closedByServer(connect("127.1.0.1")), "past the node's cap");
    assertEquals(1.0, refusals.total("connections_per_node"));
  }
}
