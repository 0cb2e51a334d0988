package io.github.vulcanscraper.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One Consul discovery run: the agent's datacenter (when not configured), then a blocking query on
 * the catalog and one per watched service, each asynchronous on OkHttp's threads and rescheduled on
 * the shared discovery executor. State is guarded by this run's monitor.
 *
 * <p>The first snapshot goes out once every watched service has had its first answer (or failure);
 * after that, every change goes out as it arrives.
 */
final class ConsulRun implements Subscription {
  /** The least time between the starts of two queries of one watch, against a tight loop. */
  private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ConsulDiscovery settings;
  private final Publisher<TargetGroup> publisher;
  private final HttpUrl base;
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private final BlockingQuery catalog;
  private final Map<String, BlockingQuery> watches = new TreeMap<>();
  private final Map<String, TargetGroup> groups = new TreeMap<>();
  private final Backoff startBackoff;
  private @Nullable OkHttpClient client;
  private @Nullable String datacenter;

  private ConsulRun(ConsulDiscovery settings, SnapshotListener<List<TargetGroup>> listener) {
    this.settings = settings;
    this.publisher = new Publisher<>("consul_sd " + settings.server(), listener);
    HttpUrl server = HttpUrl.parse(settings.scheme() + "://" + settings.server());
    if (server == null) {
      throw new IllegalArgumentException("invalid consul server: " + settings.server());
    }
    HttpUrl.Builder b = server.newBuilder();
    if (!settings.pathPrefix().isEmpty()) {
      b.addPathSegments(settings.pathPrefix().substring(1));
    }
    this.base = b.build();
    this.catalog = new BlockingQuery("catalog", settings.refreshInterval());
    this.startBackoff = new Backoff(settings.refreshInterval());
    this.datacenter = settings.datacenter();
  }

  static ConsulRun start(ConsulDiscovery settings, SnapshotListener<List<TargetGroup>> listener) {
    ConsulRun run = new ConsulRun(settings, listener);
    run.later(run::begin, 0);
    return run;
  }

  private void begin() {
    synchronized (this) {
      if (client == null) {
        try {
          Duration wait = settings.refreshInterval();
          client =
              HttpClients.create(settings.http(), Duration.ZERO)
                  .newBuilder()
                  .readTimeout(wait.plus(wait.dividedBy(16)).plusSeconds(5))
                  .build();
        } catch (IOException e) {
          publisher.fail(new IOException("consul: " + e.getMessage(), e));
          later(this::begin, startBackoff.failed().toNanos());
          return;
        }
      }
    }
    if (datacenter == null) {
      get(
          url("v1", "agent", "self").build(),
          null,
          new Handler() {
            @Override
            public void answer(JsonNode body, long index) throws IOException {
              String dc = ConsulTargets.datacenter(body);
              synchronized (ConsulRun.this) {
                datacenter = dc;
              }
              queryCatalog();
            }

            @Override
            public void failed(IOException e) {
              publisher.fail(e);
              long delay;
              synchronized (ConsulRun.this) {
                delay = startBackoff.failed().toNanos();
              }
              later(ConsulRun.this::begin, delay);
            }
          });
    } else {
      queryCatalog();
    }
  }

  private void queryCatalog() {
    HttpUrl.Builder u = filtered(url("v1", "catalog", "services"), settings.filter());
    get(
        catalog.url(u),
        catalog,
        new Handler() {
          @Override
          public void answer(JsonNode body, long index) throws IOException {
            Map<String, List<String>> services = ConsulTargets.services(body);
            List<String> added = new ArrayList<>();
            synchronized (ConsulRun.this) {
              for (Map.Entry<String, List<String>> s : services.entrySet()) {
                if (shouldWatch(s.getKey(), s.getValue()) && !watches.containsKey(s.getKey())) {
                  watches.put(
                      s.getKey(), new BlockingQuery(s.getKey(), settings.refreshInterval()));
                  added.add(s.getKey());
                }
              }
              watches
                  .keySet()
                  .removeIf(
                      name ->
                          !services.containsKey(name) || !shouldWatch(name, services.get(name)));
              groups.keySet().retainAll(watches.keySet());
              catalog.answered = true;
            }
            publishIfReady();
            for (String name : added) {
              queryService(name);
            }
            later(ConsulRun.this::queryCatalog, catalog.succeeded());
          }

          @Override
          public void failed(IOException e) {
            publisher.fail(e);
            later(ConsulRun.this::queryCatalog, catalog.failed());
          }
        });
  }

  private boolean shouldWatch(String name, List<String> tags) {
    return (settings.services().isEmpty() || settings.services().contains(name))
        && tags.containsAll(settings.tags());
  }

  private void queryService(String name) {
    BlockingQuery query;
    synchronized (this) {
      query = watches.get(name);
    }
    if (query != null) {
      queryService(name, query);
    }
  }

  private void queryService(String name, BlockingQuery query) {
    synchronized (this) {
      if (watches.get(name) != query) {
        return; // gone from the catalog (and maybe back, with a new watch of its own)
      }
    }
    HttpUrl.Builder u = filtered(url("v1", "health", "service", name), settings.healthFilter());
    for (String tag : settings.tags()) {
      u.addQueryParameter("tag", tag);
    }
    get(
        query.url(u),
        query,
        new Handler() {
          @Override
          public void answer(JsonNode body, long index) throws IOException {
            String dc;
            synchronized (ConsulRun.this) {
              // Known before the catalog is first queried.
              dc = Objects.requireNonNull(datacenter, "datacenter");
            }
            TargetGroup group = ConsulTargets.group(name, dc, settings.tagSeparator(), body);
            synchronized (ConsulRun.this) {
              if (watches.get(name) != query) {
                return;
              }
              query.answered = true;
              groups.put(name, group);
            }
            publishIfReady();
            later(() -> queryService(name, query), query.succeeded());
          }

          @Override
          public void failed(IOException e) {
            synchronized (ConsulRun.this) {
              if (watches.get(name) != query) {
                return;
              }
              query.answered = true;
            }
            publisher.fail(e);
            publishIfReady();
            later(() -> queryService(name, query), query.failed());
          }
        });
  }

  private void publishIfReady() {
    List<TargetGroup> snapshot;
    synchronized (this) {
      if (!catalog.answered || watches.values().stream().anyMatch(q -> !q.answered)) {
        return;
      }
      snapshot = new ArrayList<>(groups.values());
    }
    publisher.publish(snapshot);
  }

  private HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder u = base.newBuilder();
    for (String s : segments) {
      u.addPathSegment(s);
    }
    if (settings.datacenter() != null) {
      u.addQueryParameter("dc", settings.datacenter());
    }
    if (settings.namespace() != null) {
      u.addQueryParameter("ns", settings.namespace());
    }
    if (settings.partition() != null) {
      u.addQueryParameter("partition", settings.partition());
    }
    return u;
  }

  private HttpUrl.Builder filtered(HttpUrl.Builder u, @Nullable String filter) {
    if (settings.allowStale()) {
      u.addQueryParameter("stale", null);
    }
    settings.nodeMeta().forEach((k, v) -> u.addQueryParameter("node-meta", k + ":" + v));
    if (filter != null) {
      u.addQueryParameter("filter", filter);
    }
    return u;
  }

  /** What to do with an answer; both methods run on an OkHttp thread. */
  private interface Handler {
    void answer(JsonNode body, long index) throws IOException;

    void failed(IOException e);
  }

  private void get(HttpUrl url, @Nullable BlockingQuery query, Handler handler) {
    if (publisher.isClosed()) {
      return;
    }
    String what = url.encodedPath();
    Request.Builder request = new Request.Builder().url(url);
    try {
      if (settings.token() != null) {
        request.header("X-Consul-Token", settings.token().reveal());
      }
    } catch (IOException e) {
      handler.failed(new IOException("consul: cannot read the token: " + e.getMessage(), e));
      return;
    }
    if (query != null) {
      query.started = System.nanoTime();
    }
    Call call;
    synchronized (this) {
      call = Objects.requireNonNull(client, "client").newCall(request.build());
    }
    calls.add(call);
    if (publisher.isClosed()) {
      call.cancel();
    }
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            calls.remove(c);
            if (!publisher.isClosed()) {
              handler.failed(new IOException("consul " + what + ": " + e, e));
            }
          }

          @Override
          public void onResponse(Call c, Response response) {
            calls.remove(c);
            if (publisher.isClosed()) {
              response.close();
              return;
            }
            try (response) {
              byte[] body =
                  Bodies.read(response.body(), settings.responseSizeLimit(), "consul " + what);
              if (response.code() != 200) {
                String text =
                    new String(
                            body,
                            0,
                            Math.min(body.length, 200),
                            java.nio.charset.StandardCharsets.UTF_8)
                        .trim();
                throw new IOException(
                    "HTTP " + response.code() + (text.isEmpty() ? "" : ": " + text));
              }
              long index = 0;
              if (query != null) {
                String header = response.header("X-Consul-Index");
                try {
                  index = Long.parseLong(header);
                } catch (NumberFormatException | NullPointerException bad) {
                  throw new IOException("malformed answer: X-Consul-Index is " + header);
                }
              }
              JsonNode json = ConsulTargets.parse(body, "answer");
              if (query != null) {
                query.update(index);
              }
              handler.answer(json, index);
            } catch (IOException | RuntimeException e) {
              String m = e.getMessage();
              handler.failed(new IOException("consul " + what + ": " + m, e));
            }
          }
        });
  }

  private void later(Runnable task, long delayNanos) {
    if (publisher.isClosed()) {
      return;
    }
    ScheduledFuture<?> unused =
        DiscoveryExecutor.SHARED.schedule(
            () -> {
              if (!publisher.isClosed()) {
                task.run();
              }
            },
            delayNanos,
            TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    publisher.close();
    for (Call call : calls) {
      call.cancel();
    }
  }

  /**
   * The state of one blocking query: the index to wait on, the backoff, and whether it has had a
   * first answer. Consul's rules: an index that goes backwards starts over from 0, and an index
   * below 1 is taken as 1.
   */
  static final class BlockingQuery {
    final String name;
    final Duration wait;
    final Backoff backoff;
    volatile long index;
    volatile long started;
    volatile boolean answered;

    BlockingQuery(String name, Duration wait) {
      this.name = name;
      this.wait = wait;
      this.backoff = new Backoff(wait);
    }

    HttpUrl url(HttpUrl.Builder u) {
      if (index > 0) {
        u.addQueryParameter("index", Long.toString(index));
        u.addQueryParameter("wait", wait.toMillis() + "ms");
      }
      return u.build();
    }

    void update(long newIndex) {
      if (newIndex < index) {
        index = 0;
      } else {
        index = Math.max(newIndex, 1);
      }
    }

    /** Nanoseconds until the next query after an answer: at once, or after the minimum gap. */
    long succeeded() {
      synchronized (backoff) {
        backoff.succeeded();
      }
      return Math.max(0, MIN_GAP_NANOS - (System.nanoTime() - started));
    }

    long failed() {
      synchronized (backoff) {
        return backoff.failed().toNanos();
      }
    }
  }
}
