package io.github.vulcanscraper.discovery;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * A small authoritative DNS server on 127.0.0.1 for tests, answering over UDP and TCP on the same
 * free port from a mutable zone. A name with no records at all is answered NXDOMAIN. {@link Mode}
 * makes it misbehave: stay silent, send garbage, truncate every UDP answer, or fail.
 *
 * <pre>{@code
 * try (DnsTestServer dns = DnsTestServer.start()) {
 *   dns.set(new SRVRecord(name("_x._tcp.test."), DClass.IN, 60, 0, 0, 9100, name("a.test.")));
 *   ... DnsDiscovery.builder().server(dns.hostPort()) ...
 * }
 * }</pre>
 */
public final class DnsTestServer implements AutoCloseable {
  /** How the server answers. */
  public enum Mode {
    /** From the zone. */
    NORMAL,
    /** Not at all, so queries time out. */
    SILENT,
    /** With bytes that are not a DNS message (but carry the query's id). */
    MALFORMED,
    /** Over UDP with the TC flag and no records; over TCP in full. */
    TRUNCATE_UDP,
    /** With SERVFAIL. */
    SERVFAIL
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private volatile Mode mode = Mode.NORMAL;
  private volatile UnaryOperator<byte[]> rewrite = UnaryOperator.identity();

  private DnsTestServer(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
  }

  /** Starts a server on a free port of 127.0.0.1, UDP and TCP. */
  public static DnsTestServer start() throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    for (int attempt = 0; ; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      try {
        ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
        DnsTestServer server = new DnsTestServer(udp, tcp);
        server.thread("udp", server::serveUdp);
        server.thread("tcp", server::acceptTcp);
        return server;
      } catch (BindException e) {
        udp.close();
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  public String hostPort() {
    return "127.0.0.1:" + udp.getLocalPort();
  }

  /** Adds records to the zone. */
  public DnsTestServer add(Record... records) {
    for (Record r : records) {
      zone.computeIfAbsent(r.getName(), n -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(r);
    }
    return this;
  }

  /** Replaces every record of this name and type with these. */
  public DnsTestServer set(String name, int type, Record... records) {
    Name n = name(name);
    List<Record> kept = new ArrayList<>();
    for (Record r : zone.getOrDefault(n, List.of())) {
      if (r.getType() != type) {
        kept.add(r);
      }
    }
    zone.put(n, new java.util.concurrent.CopyOnWriteArrayList<>(kept));
    add(records);
    if (zone.get(n).isEmpty()) {
      zone.remove(n);
    }
    return this;
  }

  /** Sets how the server answers from now on. */
  public void mode(Mode mode) {
    this.mode = mode;
  }

  /**
   * Passes every answer the server would send through {@code rewrite} first (for fuzzing: damage
   * bytes after the id so the client still takes the answer as its own).
   */
  public void rewrite(UnaryOperator<byte[]> rewrite) {
    this.rewrite = rewrite;
  }

  /** The queries answered over TCP so far. */
  public int tcpQueries() {
    return tcpQueries.get();
  }

  /** The queries received over UDP so far. */
  public int udpQueries() {
    return udpQueries.get();
  }

  /** An absolute name. */
  public static Name name(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void thread(String what, Runnable body) {
    Thread t = new Thread(body, "dns-test-server-" + what);
    t.setDaemon(true);
    t.start();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        udpQueries.incrementAndGet();
        byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] answer = answer(query, false);
        if (answer != null) {
          udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        // closed, or one bad packet: carry on until closed
      }
    }
  }

  private void acceptTcp() {
    while (!tcp.isClosed()) {
      try {
        Socket s = tcp.accept();
        thread("tcp-connection", () -> serveTcp(s));
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void serveTcp(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      while (true) {
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        tcpQueries.incrementAndGet();
        byte[] answer = answer(query, true);
        if (answer != null) {
          out.writeShort(answer.length);
          out.write(answer);
          out.flush();
        }
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }

  private byte @Nullable [] answer(byte[] queryBytes, boolean overTcp) throws IOException {
    byte[] answer = build(queryBytes, overTcp);
    return answer == null ? null : rewrite.apply(answer);
  }

  private byte @Nullable [] build(byte[] queryBytes, boolean overTcp) throws IOException {
    Message query = new Message(queryBytes);
    Mode m = mode;
    if (m == Mode.SILENT) {
      return null;
    }
    if (m == Mode.MALFORMED) {
      // The query's id, "a response with one answer", and then nothing of it.
      return new byte[] {
        queryBytes[0], queryBytes[1], (byte) 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0, 3, 'b', 'a', 'd'
      };
    }
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    if (m == Mode.SERVFAIL) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response.toWire();
    }
    if (m == Mode.TRUNCATE_UDP && !overTcp) {
      response.getHeader().setFlag(Flags.TC);
      return response.toWire();
    }
    List<Record> records = zone.get(question.getName());
    if (records == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return response.toWire();
    }
    for (Record r : records) {
      if (r.getType() == question.getType()) {
        response.addRecord(r, Section.ANSWER);
      }
    }
    return response.toWire();
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
  }
}
