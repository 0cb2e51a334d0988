package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.WireParseException;

/**
 * The lookups of one DNS discovery run. Each name keeps its last good group when its lookup fails.
 * Used by one refresh at a time.
 */
final class DnsLookup {
  private static final Logger log = LoggerFactory.getLogger(DnsLookup.class);

  static final String NAME = "__meta_dns_name";
  static final String SRV_TARGET = "__meta_dns_srv_record_target";
  static final String SRV_PORT = "__meta_dns_srv_record_port";
  static final String MX_TARGET = "__meta_dns_mx_record_target";
  static final String NS_TARGET = "__meta_dns_ns_record_target";

  private final DnsDiscovery settings;
  private final int type;
  private final Map<String, TargetGroup> lastGood = new HashMap<>();
  private @Nullable Resolver resolver;

  DnsLookup(DnsDiscovery settings) {
    this.settings = settings;
    this.type = org.xbill.DNS.Type.value(settings.type().name());
  }

  List<TargetGroup> refresh(List<Exception> errors) throws IOException {
    Resolver r = resolver();
    List<TargetGroup> groups = new ArrayList<>();
    List<IOException> failures = new ArrayList<>();
    for (String name : settings.names()) {
      try {
        TargetGroup group = lookup(r, name);
        lastGood.put(name, group);
        groups.add(group);
      } catch (IOException | RuntimeException e) {
        failures.add(
            new IOException(
                "DNS lookup of " + name + " " + settings.type() + " failed: " + describe(e), e));
        TargetGroup last = lastGood.get(name);
        if (last != null) {
          groups.add(last);
        }
      }
    }
    if (failures.size() == settings.names().size()) {
      // Nothing new: report it as a failed refresh, which also keeps a first snapshot back.
      errors.addAll(failures.subList(1, failures.size()));
      throw failures.get(0);
    }
    errors.addAll(failures);
    return groups;
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    if (e instanceof WireParseException) {
      return "malformed answer: " + m;
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private Resolver resolver() throws UnknownHostException {
    if (resolver == null) {
      List<InetSocketAddress> servers = settings.servers();
      Resolver r;
      if (servers.isEmpty()) {
        r = new ExtendedResolver();
      } else if (servers.size() == 1) {
        r = simple(servers.get(0));
      } else {
        SimpleResolver[] each = new SimpleResolver[servers.size()];
        for (int i = 0; i < each.length; i++) {
          each[i] = simple(servers.get(i));
        }
        r = new ExtendedResolver(each);
      }
      r.setTimeout(settings.timeout());
      resolver = r;
    }
    return resolver;
  }

  private static SimpleResolver simple(InetSocketAddress server) throws UnknownHostException {
    InetSocketAddress resolved =
        server.isUnresolved()
            ? new InetSocketAddress(server.getHostString(), server.getPort())
            : server;
    if (resolved.isUnresolved()) {
      throw new UnknownHostException("DNS server " + server.getHostString());
    }
    return new SimpleResolver(resolved);
  }

  private TargetGroup lookup(Resolver r, String name) throws IOException {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    Message response = r.send(query);
    int rcode = response.getRcode();
    List<Labels> targets = new ArrayList<>();
    if (rcode == Rcode.NXDOMAIN) {
      return TargetGroup.of(name, targets, Labels.EMPTY);
    }
    if (rcode != Rcode.NOERROR) {
      throw new IOException("server answered " + Rcode.string(rcode));
    }
    for (Record record : response.getSection(Section.ANSWER)) {
      Labels target = target(name, record);
      if (target != null) {
        targets.add(target);
      }
    }
    targets.sort(null);
    return TargetGroup.of(name, targets, Labels.EMPTY);
  }

  private @Nullable Labels target(String name, Record record) {
    Labels.Builder b = Labels.builder().add(NAME, name);
    if (record instanceof SRVRecord) {
      SRVRecord srv = (SRVRecord) record;
      String target = srv.getTarget().toString();
      b.add(SRV_TARGET, target).add(SRV_PORT, Integer.toString(srv.getPort()));
      b.add("__address__", HostPort.join(trimDot(target), srv.getPort()));
    } else if (record instanceof MXRecord) {
      String target = ((MXRecord) record).getTarget().toString();
      b.add(MX_TARGET, target);
      b.add("__address__", HostPort.join(trimDot(target), settings.port()));
    } else if (record instanceof NSRecord) {
      String target = ((NSRecord) record).getTarget().toString();
      b.add(NS_TARGET, target);
      b.add("__address__", HostPort.join(trimDot(target), settings.port()));
    } else if (record instanceof ARecord) {
      b.add(
          "__address__",
          HostPort.join(HostPort.format(((ARecord) record).getAddress()), settings.port()));
    } else if (record instanceof AAAARecord) {
      b.add(
          "__address__",
          HostPort.join(HostPort.format(((AAAARecord) record).getAddress()), settings.port()));
    } else {
      if (!(record instanceof CNAMERecord)) {
        log.warn("dns_sd {}: skipping unexpected record in the answer: {}", name, record);
      }
      return null;
    }
    return b.build();
  }

  private static String trimDot(String host) {
    int end = host.length();
    while (end > 0 && host.charAt(end - 1) == '.') {
      end--;
    }
    return host.substring(0, end);
  }
}
