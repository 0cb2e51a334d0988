package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Writer} that sends every scrape to a Kafka topic as one record.
 *
 * <h2>The record</h2>
 *
 * <ul>
 *   <li>Key: the target's key, UTF-8. Kafka's default partitioner hashes it, so all scrapes of one
 *       target land in one partition, in the order they were written.
 *   <li>Value: the scrape encoded by the {@link MetricEncoder} (default {@link
 *       MetricEncoder#prometheusText()}).
 *   <li>Timestamp: the scrape's timestamp.
 *   <li>Headers (UTF-8 strings): {@value #CONTENT_TYPE_HEADER} (the encoder's content type),
 *       {@value #ENCODER_VERSION_HEADER} (its version, e.g. {@code 1}) and {@value
 *       #SCRAPE_TIMESTAMP_HEADER} (the scrape's timestamp in milliseconds since the epoch,
 *       decimal).
 * </ul>
 *
 * <h2>Never blocking, always bounded</h2>
 *
 * <p>{@link #write} encodes the scrape on the caller's thread, queues it and returns; one writer
 * thread hands queued scrapes to the producer in order, and the producer's callback completes the
 * returned stage. A scrape is <em>pending</em> from {@code write} until it is delivered, fails or
 * is dropped; {@link Builder#maxPendingScrapes(int)} and {@link Builder#maxPendingBytes(long)}
 * bound the pending scrapes. At most half of each bound is in the producer at once; the rest waits
 * in the queue. When Kafka is away, the producer retries what it holds until {@code
 * delivery.timeout.ms} (2 minutes by default), the writer likewise retries what the producer
 * refuses for want of topic metadata, and the queue fills; a write that would pass a bound drops
 * the oldest queued scrapes. So a broker restart loses nothing, and a long outage keeps memory
 * bounded and keeps the newest scrapes: every dropped or failed scrape completes its stage
 * exceptionally with a {@link KafkaWriteException}, is counted ({@link #dropped()}, {@link
 * #failed()}), goes to the {@link Listener} and is logged (at most one warning per 10 s, with
 * counts).
 *
 * <h2>Producer defaults, for a metrics pipeline</h2>
 *
 * <ul>
 *   <li>{@code enable.idempotence=true}, {@code acks=all}: retries after a broker restart neither
 *       duplicate nor reorder a target's scrapes, and an acknowledged scrape survives a broker
 *       failure.
 *   <li>{@code compression.type=zstd}, {@code compression.zstd.level=1}: a batch of exposition text
 *       compresses 20 to 30 times; zstd gives the best ratio for the CPU among Kafka's codecs, and
 *       on exposition text its level 1 compresses as well as Kafka's default level 3 (32.3 and 31.9
 *       times on Prometheus' own metrics page) for about 40% less of the writer thread's CPU.
 *       {@code lz4} costs less CPU still and writes 2.5 to 5 times the bytes.
 *   <li>{@code linger.ms=1000}, {@code batch.size=1048576} (1 MiB): a node's scrapes are spread
 *       over the interval and over the topic's partitions, so a short linger sends about one scrape
 *       per batch, and each batch and request costs the producer about as much CPU as encoding the
 *       scrape. In the side-by-side benchmark (BENCHMARKS.md: 100 scrapes a second over six
 *       partitions) 200 ms instead of the 20 ms before cut the writer's CPU by about 40%, and 1 s
 *       cut the producer's network thread from 0.23 to 0.07 us per sample. A second of latency is
 *       one no metrics consumer notices: Prometheus' remote write waits up to 5 s. A batch that
 *       fills its 1 MiB is sent at once.
 *   <li>{@code buffer.memory=67108864} (64 MiB): room for the in-flight half of the default bound.
 *   <li>{@code max.request.size=4194304} (4 MiB): a large target's scrape (tens of thousands of
 *       series) exceeds the 1 MiB default before compression. The topic's {@code max.message.bytes}
 *       still bounds the compressed batch.
 *   <li>{@code request.timeout.ms=15000}, {@code delivery.timeout.ms=120000}: a stuck request is
 *       retried after 15 s; a scrape is given up after two minutes, longer than a broker restart or
 *       a leader election.
 *   <li>{@code max.block.ms=5000}: how long the writer thread (never the caller) waits for topic
 *       metadata or buffer space before a scrape fails.
 * </ul>
 *
 * <p>Any producer property given to {@link Builder#property} replaces the default; SSL and SASL
 * settings pass through unchanged, as Kafka documents them. The serializers are the writer's own.
 *
 * <h2>Errors</h2>
 *
 * <p>An invalid topic name is rejected by the builder. Kafka's producer does not connect until the
 * first record: with an unreachable bootstrap (or a topic that neither exists nor is created) the
 * producer refuses records after {@code max.block.ms}; the writer logs a warning naming the topic
 * and the bootstrap servers at once, keeps retrying as for any outage, and fails the scrapes
 * ({@code Topic ... not present in metadata}) once they are older than {@code delivery.timeout.ms}.
 * Call {@link #checkConnection(Duration)} after building to fail fast with a clear message instead.
 *
 * <pre>{@code
 * KafkaWriter writer = KafkaWriter.builder()
 *     .bootstrapServers("kafka-1:9092,kafka-2:9092")
 *     .topic("metrics")
 *     .property("security.protocol", "SASL_SSL")
 *     .build();
 * writer.checkConnection(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} is idempotent.
 */
public final class KafkaWriter implements Writer {
  /** The header holding the encoder's content type. */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  /** The header holding the encoder's version, a decimal integer. */
  public static final String ENCODER_VERSION_HEADER = "encoder-version";

  /** The header holding the scrape's timestamp in milliseconds since the epoch, decimal. */
  public static final String SCRAPE_TIMESTAMP_HEADER = "scrape-timestamp";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaWriter.class);
  private static final long MAX_GATHER_PAUSE_MILLIS = 100;
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long RETRY_PAUSE_MILLIS = 200;

  private final String topic;
  private final String bootstrapServers;
  private final MetricEncoder encoder;
  private final Listener listener;
  private final Duration closeTimeout;
  private final int maxPendingScrapes;
  private final long maxPendingBytes;
  private final Map<String, Object> config;
  private final long deliveryTimeoutNanos;
  private final Producer<byte[], byte[]> producer;
  private final PendingScrapes pending;
  private final Thread sender;
  private final byte[] contentType;
  private final byte[] encoderVersion;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final AtomicLong unloggedDrops = new AtomicLong();
  private final AtomicLong unloggedFailures = new AtomicLong();

  private KafkaWriter(Builder b) {
    this.topic = Objects.requireNonNull(b.topic, "topic");
    this.bootstrapServers = Objects.requireNonNull(b.bootstrapServers, "bootstrapServers");
    this.encoder = b.encoder;
    this.listener = b.listener;
    this.closeTimeout = b.closeTimeout;
    this.maxPendingScrapes = b.maxPendingScrapes;
    this.maxPendingBytes = b.maxPendingBytes;
    this.config = producerConfig(b);
    this.contentType = encoder.contentType().getBytes(StandardCharsets.UTF_8);
    this.encoderVersion = Integer.toString(encoder.version()).getBytes(StandardCharsets.UTF_8);
    try {
      this.producer =
          new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      throw new IllegalArgumentException(
          "cannot create a Kafka producer for " + bootstrapServers + ": " + rootMessage(e), e);
    }
    // After the producer, which rejects a setting that is not a number with Kafka's own message.
    this.deliveryTimeoutNanos =
        TimeUnit.MILLISECONDS.toNanos(
            longSetting(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    this.pending = new PendingScrapes(b.maxPendingScrapes, b.maxPendingBytes, gatherPause(config));
    this.sender = new Thread(this::sendLoop, "vulcan-kafka-writer-" + topic);
    sender.setDaemon(true);
    sender.start();
  }

  /**
   * A builder; {@link Builder#bootstrapServers} and {@link Builder#topic} are required.
   *
   * @return a new builder with the defaults listed on {@link Builder}
   */
  public static Builder builder() {
    return new Builder();
  }

  private static Map<String, Object> producerConfig(Builder b) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    c.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, "1");
    c.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1024 * 1024));
    c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
    c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
    c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    c.putAll(b.properties);
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, b.clientId);
    return c;
  }

  /** The producer's settings: the defaults above with the builder's properties over them. */
  Map<String, Object> producerConfig() {
    return Collections.unmodifiableMap(config);
  }

  /**
   * How long the writer thread lets scrapes gather before handing them to the producer: the
   * producer's own {@code linger.ms}, at most {@value #MAX_GATHER_PAUSE_MILLIS} ms, so a batch
   * waits no longer than the producer was told it may.
   */
  private static Duration gatherPause(Map<String, Object> config) {
    long lingerMillis = longSetting(config, ProducerConfig.LINGER_MS_CONFIG);
    return Duration.ofMillis(Math.max(0, Math.min(MAX_GATHER_PAUSE_MILLIS, lingerMillis)));
  }

  /** A numeric producer setting, given as a number or as text; the producer has validated it. */
  private static long longSetting(Map<String, Object> config, String name) {
    return Long.parseLong(String.valueOf(config.get(name)).trim());
  }

  /**
   * Encodes the scrape and queues it for Kafka; never waits for Kafka. The stage completes when
   * Kafka acknowledged the record, or exceptionally with a {@link KafkaWriteException} when the
   * scrape failed, was dropped, or the writer is closed. An encoder that throws fails the stage
   * likewise.
   */
  @Override
  public CompletionStage<Void> write(String key, Scrape scrape) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(scrape, "scrape");
    if (closed.get()) {
      return rejectClosed(key);
    }
    byte[] value;
    try {
      value = encoder.encode(key, scrape);
    } catch (RuntimeException e) {
      KafkaWriteException failure =
          new KafkaWriteException("cannot encode the scrape of " + key + ": " + e, e);
      CompletableFuture<Void> f = new CompletableFuture<>();
      fail(key, f, failure);
      return f;
    }
    PendingScrapes.Entry entry =
        new PendingScrapes.Entry(
            key, key.getBytes(StandardCharsets.UTF_8), value, scrape.timestampMillis());
    if (!pending.offer(entry, this::drop)) {
      return rejectClosed(key);
    }
    return entry.future;
  }

  private CompletionStage<Void> rejectClosed(String key) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    dropped.incrementAndGet();
    KafkaWriteException e =
        new KafkaWriteException("scrape of " + key + " dropped: the writer is closed", null);
    notify(() -> listener.dropped(key, e));
    f.completeExceptionally(e);
    return f;
  }

  private void drop(PendingScrapes.Entry e) {
    KafkaWriteException reason =
        new KafkaWriteException(
            "scrape of "
                + e.key
                + " dropped: pending scrapes reached their bound ("
                + pendingBoundText()
                + ") while topic "
                + topic
                + " at "
                + bootstrapServers
                + " did not take them",
            null);
    dropped.incrementAndGet();
    unloggedDrops.incrementAndGet();
    notify(() -> listener.dropped(e.key, reason));
    e.future.completeExceptionally(reason);
    warnThrottled(reason);
  }

  private String pendingBoundText() {
    return maxPendingScrapes + " scrapes, " + maxPendingBytes + " bytes";
  }

  private void sendLoop() {
    try {
      PendingScrapes.Entry e;
      while ((e = pending.takeForSending()) != null) {
        if (System.nanoTime() - e.createdNanos >= deliveryTimeoutNanos) {
          pending.landed(e);
          failDelivery(
              e,
              new org.apache.kafka.common.errors.TimeoutException(
                  "expired after delivery.timeout.ms waiting for Kafka"));
        } else {
          send(e);
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(PendingScrapes.Entry e) throws InterruptedException {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CONTENT_TYPE_HEADER, contentType);
    headers.add(ENCODER_VERSION_HEADER, encoderVersion);
    headers.add(
        SCRAPE_TIMESTAMP_HEADER, Long.toString(e.timestampMillis).getBytes(StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, null, e.timestampMillis, e.keyBytes, e.value, headers);
    Exception[] refused = new Exception[1];
    try {
      producer.send(
          record,
          (metadata, exception) -> {
            if (exception != null && Thread.currentThread() == sender) {
              refused[0] = exception; // refused inside send(): the producer does not hold it
              return;
            }
            pending.landed(e);
            if (exception == null) {
              written.incrementAndGet();
              notify(() -> listener.delivered(e.key, metadata.partition(), metadata.offset()));
              e.future.complete(null);
            } else {
              failDelivery(e, exception);
            }
          });
    } catch (RuntimeException ex) {
      refused[0] = ex;
    }
    if (refused[0] != null) {
      retryOrFail(e, refused[0]);
    }
  }

  /**
   * A record the producer refused before taking it: while Kafka is away the producer may lose the
   * topic's metadata and refuse records after {@code max.block.ms}. Such a scrape goes back to the
   * head of the queue and is tried again, as the producer itself would retry it, until it is older
   * than {@code delivery.timeout.ms}.
   */
  private void retryOrFail(PendingScrapes.Entry e, Exception cause) throws InterruptedException {
    boolean retriable = cause instanceof RetriableException;
    if (retriable && System.nanoTime() - e.createdNanos < deliveryTimeoutNanos && !closed.get()) {
      if (pending.requeue(e)) {
        warnThrottled(
            new KafkaWriteException(
                "topic "
                    + topic
                    + " at "
                    + bootstrapServers
                    + " unavailable, retrying: "
                    + rootMessage(cause),
                cause));
        Thread.sleep(RETRY_PAUSE_MILLIS); // the writer thread's own back-off
        return;
      }
    }
    pending.landed(e);
    failDelivery(e, cause);
  }

  private void failDelivery(PendingScrapes.Entry e, Exception cause) {
    KafkaWriteException failure =
        new KafkaWriteException(
            "scrape of "
                + e.key
                + " not delivered to topic "
                + topic
                + " at "
                + bootstrapServers
                + ": "
                + rootMessage(cause),
            cause);
    unloggedFailures.incrementAndGet();
    fail(e.key, e.future, failure);
    warnThrottled(failure);
  }

  private void fail(String key, CompletableFuture<Void> f, KafkaWriteException failure) {
    failed.incrementAndGet();
    notify(() -> listener.failed(key, failure));
    f.completeExceptionally(failure);
  }

  private void warnThrottled(KafkaWriteException latest) {
    long now = System.nanoTime();
    long last = lastWarnNanos.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastWarnNanos.compareAndSet(last, now)) {
      LOG.warn(
          "Kafka writer for topic {}: {} scrapes dropped and {} failed since the last report;"
              + " latest: {}",
          topic,
          unloggedDrops.getAndSet(0),
          unloggedFailures.getAndSet(0),
          latest.getMessage());
    }
  }

  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("Kafka writer listener threw; ignored", e);
    }
  }

  /**
   * Checks that Kafka answers at the bootstrap servers and that the topic exists or is created on
   * first use (as the broker's {@code auto.create.topics.enable} allows), with the writer's own
   * connection and security settings.
   *
   * @param timeout how long to wait for each answer (the cluster's, then the topic's); a timeout
   *     under 1 ms counts as 1 ms
   * @throws KafkaWriteException naming the bootstrap servers or the topic and what is wrong, also
   *     when Kafka does not answer in time or the calling thread is interrupted
   */
  public void checkConnection(Duration timeout) {
    Map<String, Object> adminConfig = new HashMap<>();
    config.forEach(
        (k, v) -> {
          if (AdminClientConfig.configNames().contains(k)) {
            adminConfig.put(k, v);
          }
        });
    long ms = Math.max(1, timeout.toMillis());
    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ms));
    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ms));
    try (Admin admin = Admin.create(adminConfig)) {
      try {
        admin.describeCluster().nodes().get(ms, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new KafkaWriteException(
            "Kafka at "
                + bootstrapServers
                + " did not answer within "
                + timeout
                + ": "
                + rootMessage(e),
            e);
      }
      try {
        admin.describeTopics(List.of(topic)).allTopicNames().get(ms, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new KafkaWriteException(
              "cannot describe topic " + topic + " at " + bootstrapServers + ": " + rootMessage(e),
              e);
        }
        checkAutoCreated();
      } catch (TimeoutException e) {
        throw new KafkaWriteException(
            "Kafka at " + bootstrapServers + " did not describe topic " + topic + " in time", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaWriteException("interrupted checking Kafka at " + bootstrapServers, e);
    }
  }

  private void checkAutoCreated() {
    try {
      producer.partitionsFor(topic); // asks the broker to create it, as the first write would
    } catch (KafkaException e) {
      throw new KafkaWriteException(
          "topic "
              + topic
              + " does not exist at "
              + bootstrapServers
              + " and the broker did not create it: "
              + rootMessage(e),
          e);
    }
  }

  /**
   * Waits up to {@code timeout} for the scrapes written so far to be delivered, to fail or to be
   * dropped. Scrapes written meanwhile are not waited for.
   */
  @Override
  public void flush(Duration timeout) {
    pending.awaitCurrent(timeout);
  }

  /**
   * Stops taking scrapes, waits up to the close timeout (default 10 s) for the pending ones, then
   * closes the producer: what it still holds fails, what is still queued is dropped, both counted.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    pending.close();
    pending.awaitCurrent(closeTimeout);
    try {
      sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.interrupt();
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    for (PendingScrapes.Entry e : pending.drainQueued()) {
      KafkaWriteException reason =
          new KafkaWriteException(
              "scrape of " + e.key + " dropped: the writer closed before delivering it", null);
      dropped.incrementAndGet();
      notify(() -> listener.dropped(e.key, reason));
      e.future.completeExceptionally(reason);
    }
    LOG.info(
        "Kafka writer for topic {} closed: {} written, {} failed, {} dropped",
        topic,
        written.get(),
        failed.get(),
        dropped.get());
  }

  /**
   * Scrapes Kafka acknowledged.
   *
   * @return the count since the writer was built
   */
  public long written() {
    return written.get();
  }

  /**
   * Scrapes whose delivery failed (Kafka errors, timeouts, encoder errors).
   *
   * @return the count since the writer was built
   */
  public long failed() {
    return failed.get();
  }

  /**
   * Scrapes dropped unsent: pending bound reached, or written to a closed writer.
   *
   * @return the count since the writer was built
   */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Scrapes pending now: queued or held by the producer.
   *
   * @return the count at this moment, at most {@link Builder#maxPendingScrapes(int)}
   */
  public int pendingScrapes() {
    return pending.count();
  }

  /**
   * Bytes (record keys and values) pending now.
   *
   * @return the byte count at this moment, at most {@link Builder#maxPendingBytes(long)}
   */
  public long pendingBytes() {
    return pending.bytes();
  }

  /**
   * The topic.
   *
   * @return the topic every scrape is written to
   */
  public String topic() {
    return topic;
  }

  @Override
  public String toString() {
    return "KafkaWriter{topic=" + topic + ", bootstrap=" + bootstrapServers + "}";
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while ((root instanceof ExecutionException || root instanceof KafkaWriteException)
        && root.getCause() != null) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m;
  }

  /**
   * Hears about each scrape's outcome. Called on Kafka's producer thread or the writing thread:
   * must be fast and never throw (what it throws is logged and ignored). The defaults do nothing.
   */
  public interface Listener {
    /** Does nothing. */
    Listener NONE = new Listener() {};

    /**
     * Kafka acknowledged the scrape's record at this partition and offset.
     *
     * @param key the target's key, the record's key
     * @param partition the partition the record was written to
     * @param offset the record's offset in that partition
     */
    default void delivered(String key, int partition, long offset) {}

    /**
     * The scrape was not delivered: Kafka failed or timed out, or the encoder threw.
     *
     * @param key the target's key
     * @param failure why, with Kafka's or the encoder's exception as its cause
     */
    default void failed(String key, KafkaWriteException failure) {}

    /**
     * The scrape was dropped unsent: the pending bound was reached or the writer closed.
     *
     * @param key the target's key
     * @param reason why, naming the key and the reason; no cause
     */
    default void dropped(String key, KafkaWriteException reason) {}
  }

  /**
   * Configures a {@link KafkaWriter}. Not thread-safe.
   *
   * <p>Defaults: client id {@code vulcan-scraper}, encoder {@link MetricEncoder#prometheusText()},
   * at most 10,000 pending scrapes and 128 MiB pending bytes, close timeout 10 s, no listener, the
   * producer defaults listed on {@link KafkaWriter}.
   */
  public static final class Builder {
    private @Nullable String bootstrapServers;
    private @Nullable String topic;
    private String clientId = "vulcan-scraper";
    private MetricEncoder encoder = MetricEncoder.prometheusText();
    private Listener listener = Listener.NONE;
    private int maxPendingScrapes = 10_000;
    private long maxPendingBytes = 128L * 1024 * 1024;
    private Duration closeTimeout = Duration.ofSeconds(10);
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Kafka's {@code bootstrap.servers}: {@code host:port} pairs separated by commas. Required.
     *
     * @param servers the {@code host:port} list; surrounding blanks are trimmed
     * @return this builder
     * @throws IllegalArgumentException when {@code servers} is null or blank
     */
    public Builder bootstrapServers(String servers) {
      if (servers == null || servers.isBlank()) {
        throw new IllegalArgumentException("bootstrap servers must not be empty");
      }
      this.bootstrapServers = servers.trim();
      return this;
    }

    /**
     * The topic to write to.
     *
     * @throws IllegalArgumentException when Kafka would reject the name: empty, {@code .} or {@code
     *     ..}, longer than 249 characters, or a character outside {@code [a-zA-Z0-9._-]}
     * @param topic the topic's name; required
     * @return this builder
     */
    public Builder topic(String topic) {
      this.topic = TopicNames.requireValid(topic);
      return this;
    }

    /**
     * The producer's {@code client.id}, seen in broker logs and quotas; default {@code
     * vulcan-scraper}.
     *
     * @param clientId the client id; not empty
     * @return this builder
     * @throws IllegalArgumentException when {@code clientId} is null or empty
     */
    public Builder clientId(String clientId) {
      if (clientId == null || clientId.isEmpty()) {
        throw new IllegalArgumentException("client id must not be empty");
      }
      this.clientId = clientId;
      return this;
    }

    /**
     * How scrapes become record values; default {@link MetricEncoder#prometheusText()}.
     *
     * @param encoder the encoder; not null
     * @return this builder
     */
    public Builder encoder(MetricEncoder encoder) {
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      return this;
    }

    /**
     * Hears about deliveries, failures and drops; default {@link Listener#NONE}.
     *
     * @param listener the listener; not null, fast and never throwing
     * @return this builder
     */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets a Kafka producer property, replacing the writer's default (see {@link KafkaWriter}). SSL
     * and SASL settings ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}) pass through
     * unchanged. {@code bootstrap.servers} and {@code client.id} come from their own setters; the
     * serializers are the writer's.
     *
     * @param name the producer property's name, as Kafka documents it; not null
     * @param value its value, a string or the type Kafka expects; not null
     * @return this builder
     * @throws IllegalArgumentException when {@code name} is a serializer property, or sets
     *     bootstrap servers or client id to a value their setters reject
     */
    public Builder property(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, () -> "value of " + name);
      if (name.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)
          || name.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
        throw new IllegalArgumentException("the writer sets its own serializers: " + name);
      }
      if (name.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        return bootstrapServers(value.toString());
      }
      if (name.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
        return clientId(value.toString());
      }
      properties.put(name, value);
      return this;
    }

    /**
     * Sets every property of the map, as {@link #property} does.
     *
     * @param properties producer properties by name; no null keys or values
     * @return this builder
     * @throws IllegalArgumentException when {@link #property} rejects one of them
     */
    public Builder properties(Map<String, ?> properties) {
      properties.forEach(this::property);
      return this;
    }

    /**
     * The most scrapes pending at once (queued or in the producer); default 10,000.
     *
     * @param max the bound; at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    public Builder maxPendingScrapes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxPendingScrapes must be >= 1: " + max);
      }
      this.maxPendingScrapes = max;
      return this;
    }

    /**
     * The most bytes (record keys and values) pending at once; default 128 MiB.
     *
     * @param max the bound in bytes; at least 1024
     * @return this builder
     * @throws IllegalArgumentException when {@code max} is below 1024
     */
    public Builder maxPendingBytes(long max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxPendingBytes must be >= 1024: " + max);
      }
      this.maxPendingBytes = max;
      return this;
    }

    /**
     * How long {@link KafkaWriter#close()} waits for pending scrapes; default 10 s.
     *
     * @param timeout the wait; zero closes at once, failing or dropping what is pending
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must be >= 0: " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * The writer, with its producer created and its writer thread started.
     *
     * @return the new writer; the caller closes it
     * @throws IllegalStateException when bootstrap servers or topic are missing
     * @throws IllegalArgumentException when Kafka rejects the producer configuration
     */
    public KafkaWriter build() {
      if (bootstrapServers == null) {
        throw new IllegalStateException("bootstrapServers is required");
      }
      if (topic == null) {
        throw new IllegalStateException("topic is required");
      }
      return new KafkaWriter(this);
    }
  }
}
