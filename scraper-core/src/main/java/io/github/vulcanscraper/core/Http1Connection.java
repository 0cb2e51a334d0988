package io.github.vulcanscraper.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One plain-text HTTP/1.1 connection of one target, kept alive from scrape to scrape as Prometheus
 * keeps it. It is either in use by one scrape, idle in its target's slot, or closed; an idle
 * connection closes itself after the keep-alive time ({@link CallDeadlines} runs the timer, so
 * keeping thousands of connections costs no thread and no wake-up per scrape).
 *
 * <p>Thread-safe: the state moves by compare-and-set, so the idle timer and a scrape taking the
 * connection never both win.
 */
final class Http1Connection {
  private static final int BUSY = 0;
  private static final int IDLE = 1;
  private static final int CLOSED = 2;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final AtomicInteger state = new AtomicInteger(BUSY);
  private CallDeadlines.@Nullable Armed idleTimer; // written by the owner before it publishes IDLE

  private Http1Connection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to {@code host:port}, trying each of the host's addresses in turn, as OkHttp does;
   * {@code call} can abort the attempt by closing the socket.
   *
   * @throws java.net.UnknownHostException when the name does not resolve
   * @throws IOException when no address accepts the connection, or the call was aborted
   */
  static Http1Connection open(String host, int port, Abortable call) throws IOException {
    InetAddress[] addresses = InetAddress.getAllByName(host);
    IOException failure = null;
    for (InetAddress address : addresses) {
      Socket s = new Socket();
      try {
        call.attach(s);
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(address, port));
        return new Http1Connection(s);
      } catch (IOException e) {
        closeQuietly(s);
        if (call.aborted()) {
          throw e;
        }
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure != null ? failure : new IOException("no address for " + host);
  }

  Socket socket() {
    return socket;
  }

  InputStream in() {
    return in;
  }

  /** Sends the request in one write. */
  void send(byte[] request) throws IOException {
    out.write(request);
  }

  /** Takes the idle connection for a scrape; false when its idle timer closed it first. */
  boolean take() {
    if (!state.compareAndSet(IDLE, BUSY)) {
      return false;
    }
    CallDeadlines.Armed timer = idleTimer;
    if (timer != null) {
      timer.close();
    }
    return true;
  }

  /** The scrape is done with it: idle, closing itself after {@code keepAliveNanos} unused. */
  void idle(long keepAliveNanos) {
    idleTimer = CallDeadlines.SHARED.arm(this::closeIfIdle, keepAliveNanos);
    state.set(IDLE);
  }

  private void closeIfIdle() {
    if (state.compareAndSet(IDLE, CLOSED)) {
      closeQuietly(socket);
    }
  }

  /** Closes the connection, in use or not. */
  void close() {
    state.set(CLOSED);
    CallDeadlines.Armed timer = idleTimer;
    if (timer != null) {
      timer.close();
    }
    closeQuietly(socket);
  }

  boolean isClosed() {
    return state.get() == CLOSED;
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  /**
   * What a scrape's deadline aborts: the socket the scrape is using, closed so that a blocked
   * connect, write or read fails at once.
   */
  static final class Abortable implements Runnable {
    private volatile boolean aborted;
    private volatile @Nullable Socket socket;

    /** The scrape now uses {@code s}; it is closed at once if the deadline passed already. */
    void attach(Socket s) throws InterruptedIOException {
      socket = s;
      if (aborted) {
        closeQuietly(s);
        throw new InterruptedIOException("aborted");
      }
    }

    boolean aborted() {
      return aborted;
    }

    /** Aborts: called by the deadline. */
    @Override
    public void run() {
      aborted = true;
      Socket s = socket;
      if (s != null) {
        closeQuietly(s);
      }
    }
  }
}
