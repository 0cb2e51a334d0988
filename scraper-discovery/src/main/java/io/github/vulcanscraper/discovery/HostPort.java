package io.github.vulcanscraper.discovery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Host and port text as Go's {@code net.JoinHostPort} writes it, and {@code HOST:PORT} parsing. */
final class HostPort {
  private HostPort() {}

  /** {@code host:port}, with brackets around an IPv6 host. */
  static String join(String host, int port) {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  /** The address as Go prints an IP: dotted IPv4, or IPv6 in the short form of RFC 5952. */
  static String format(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && words[i] == 0) {
        i++;
      }
      if (i - start > bestLength && i - start > 1) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    return sb.toString();
  }

  /**
   * Parses {@code HOST:PORT} ({@code [::1]:53} for IPv6) without resolving the host.
   *
   * @throws IllegalArgumentException naming the value when it is not {@code HOST:PORT}
   */
  static InetSocketAddress parse(String hostPort) {
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf("]:");
      if (end < 0) {
        throw new IllegalArgumentException("expected HOST:PORT, got: " + hostPort);
      }
      host = hostPort.substring(1, end);
      port = hostPort.substring(end + 2);
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0 || hostPort.indexOf(':') != colon) {
        throw new IllegalArgumentException("expected HOST:PORT, got: " + hostPort);
      }
      host = hostPort.substring(0, colon);
      port = hostPort.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number: " + hostPort);
    }
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535: " + hostPort);
    }
    return InetSocketAddress.createUnresolved(host, p);
  }
}
