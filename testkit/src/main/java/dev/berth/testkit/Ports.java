package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback interface for servers that tests start. */
public final class Ports {
  private Ports() {}

  /**
   * Returns a TCP port on 127.0.0.1 that was free a moment ago.
   *
   * <p>The port is released before returning, so another process may take it before the caller
   * binds it; callers that start external servers retry on a bind failure.
   */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
