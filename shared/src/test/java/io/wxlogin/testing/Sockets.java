package io.wxlogin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** Raw client sockets, for tests of what a server does with slow or idle connections. */
public final class Sockets {

  private Sockets() {
  }

  /**
   * Whether the server closed the connection (end of stream or reset) before the socket's read timeout passed;
   * anything the server sent before closing is read and dropped.
   */
  public static boolean closedByServer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // whatever came before the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }
}
