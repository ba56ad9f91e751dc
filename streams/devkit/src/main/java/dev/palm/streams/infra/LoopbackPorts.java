package dev.palm.streams.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds free TCP ports on 127.0.0.1 for the servers this package starts. */
final class LoopbackPorts {

  /** The only address our embedded servers ever listen on. */
  static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /**
   * Returns {@code count} distinct ports that were free a moment ago; all sockets are held open
   * together so the same port is never returned twice, and closed before returning (callers retry
   * on a bind race).
   */
  static List<Integer> free(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      InetAddress loopback = InetAddress.getByName(HOST);
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        socket.setReuseAddress(true);
        sockets.add(socket);
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a probe socket cannot leave anything behind
        }
      }
    }
  }
}
