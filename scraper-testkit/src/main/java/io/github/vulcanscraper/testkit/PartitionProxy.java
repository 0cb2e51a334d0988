package io.github.vulcanscraper.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a server (a ZooKeeper server, say) that can cut a client
 * off, as a network partition would: {@link #partition()} drops every connection and refuses new
 * ones, so the server stops hearing from the client's session and expires it after the session
 * timeout (unlike a client that closes its session, whose ephemeral nodes go at once). {@link
 * #heal()} lets the client connect again.
 */
public final class PartitionProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean partitioned;
  private volatile boolean closed;

  /**
   * A proxy to {@code 127.0.0.1:upstreamPort}, listening on a free port.
   *
   * @param upstreamPort the server's port on 127.0.0.1
   * @throws IOException when the proxy cannot open its listening socket
   */
  public PartitionProxy(int upstreamPort) throws IOException {
    this.upstream = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), upstreamPort);
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(this::acceptLoop, "partition-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * The connect string clients use to go through this proxy.
   *
   * @return {@code 127.0.0.1:<port>} of the proxy
   */
  public String connectString() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Drops every connection and refuses new ones until {@link #heal()}. */
  public void partition() {
    partitioned = true;
    sockets.forEach(PartitionProxy::closeQuietly);
  }

  /** Accepts connections again. */
  public void heal() {
    partitioned = false;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (partitioned) {
          closeQuietly(client);
          continue;
        }
        Socket target = new Socket();
        target.connect(upstream);
        sockets.add(client);
        sockets.add(target);
        pump(client, target);
        pump(target, client);
      } catch (IOException e) {
        // Closed, or one connection failed: keep accepting until closed.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, n);
                }
              } catch (IOException e) {
                // The connection is gone.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "partition-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    partition();
    server.close();
  }
}
