package io.github.vulcanscraper.testkit;

import io.github.vulcanscraper.testkit.internal.KafkaBrokerMain;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker on loopback for tests and demos: one KRaft node that is both broker and
 * controller, run from the Maven Central artifacts ({@code org.apache.kafka:kafka_2.13}) in a child
 * JVM. A child process keeps the broker's threads, static state and memory out of the test JVM, and
 * lets {@link #stop()} take the broker down for real while its data stays on disk for {@link
 * #restart()} on the same port.
 *
 * <p>The child's class path is the current JVM's {@code java.class.path}, so the Kafka server jars
 * must be on it (a test class path that has this module has them). Its heap is 512 MiB. Its log
 * goes to {@code kafka.log} in the broker's temporary directory; when the broker fails to start,
 * the end of that log is in the exception's message.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
 *   kafka.start();
 *   kafka.createTopic("metrics", 3);
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 * }
 * }</pre>
 *
 * <p>Optional listeners: {@link Builder#saslPlain(String, String) SASL/PLAIN} and {@link
 * Builder#ssl() SSL} (a self-signed certificate made with the JDK's {@code keytool}), each on its
 * own port, with the client settings that reach them in {@link #saslClientProperties()} and {@link
 * #sslClientProperties()}.
 *
 * <p>Thread-safe: the lifecycle methods are synchronized. Not restartable after {@link #close()}.
 */
// The broker's process, directory and ports exist only between start() and close(); every access is
// under the instance lock and checked against that lifecycle, which NullAway cannot follow field by
// field. The public API itself is null-free.
@SuppressWarnings("NullAway")
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int LOG_TAIL_LINES = 40;

  private final Map<String, String> brokerProperties;
  private final Duration startupTimeout;
  private final String saslUser;
  private final String saslPassword;
  private final boolean ssl;
  private final String clusterId = Uuid.randomUuid().toString();
  private final String storePassword = UUID.randomUUID().toString();

  private Path dir;
  private int brokerPort;
  private int controllerPort;
  private int saslPort;
  private int sslPort;
  private Process process;
  private OutputStream processStdin;
  private boolean closed;

  private EmbeddedKafka(Builder b) {
    this.brokerProperties = Map.copyOf(b.brokerProperties);
    this.startupTimeout = b.startupTimeout;
    this.saslUser = b.saslUser;
    this.saslPassword = b.saslPassword;
    this.ssl = b.ssl;
  }

  /**
   * A builder for a plaintext broker with default settings.
   *
   * @return a new builder with the defaults listed on {@link Builder}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the broker and waits until it answers on {@link #bootstrapServers()}. The first start
   * picks free ports and formats a new log directory; later starts (see {@link #restart()}) reuse
   * both.
   *
   * @throws IllegalStateException when the broker is running, closed, or did not answer within the
   *     startup timeout (the message holds the end of its log)
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("EmbeddedKafka is closed");
    }
    if (process != null) {
      throw new IllegalStateException("EmbeddedKafka is already running");
    }
    boolean first = dir == null;
    for (int attempt = 1; ; attempt++) {
      try {
        if (dir == null) {
          dir = Files.createTempDirectory("embedded-kafka-");
        }
        if (first) {
          prepare();
        }
        launch();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start Kafka in " + dir, e);
      }
      try {
        awaitReady();
        return;
      } catch (IllegalStateException e) {
        // A free port can be taken by another process between choosing it and the broker binding
        // it; on the first start, choose new ports and try again.
        if (!first || attempt == 3 || !e.getMessage().contains("Address already in use")) {
          throw e;
        }
        LOG.info("a Kafka port was taken meanwhile, retrying with new ports");
      }
    }
  }

  /**
   * The plaintext listener, {@code 127.0.0.1:port}.
   *
   * @return the value for a client's {@code bootstrap.servers}; the same after {@link #restart()}
   * @throws IllegalStateException before the first {@link #start()}
   */
  public synchronized String bootstrapServers() {
    requirePrepared();
    return "127.0.0.1:" + brokerPort;
  }

  /**
   * The SASL_PLAINTEXT listener, {@code 127.0.0.1:port}.
   *
   * @return the value for a client's {@code bootstrap.servers}
   * @throws IllegalStateException when the builder did not ask for SASL/PLAIN
   */
  public synchronized String saslBootstrapServers() {
    requirePrepared();
    if (saslUser == null) {
      throw new IllegalStateException("no SASL listener: use builder().saslPlain(user, password)");
    }
    return "127.0.0.1:" + saslPort;
  }

  /**
   * The SSL listener, {@code 127.0.0.1:port}.
   *
   * @return the value for a client's {@code bootstrap.servers}
   * @throws IllegalStateException when the builder did not ask for SSL
   */
  public synchronized String sslBootstrapServers() {
    requirePrepared();
    if (!ssl) {
      throw new IllegalStateException("no SSL listener: use builder().ssl()");
    }
    return "127.0.0.1:" + sslPort;
  }

  /**
   * The client settings for the SASL/PLAIN listener, as Kafka documents them: {@code
   * bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism} and {@code
   * sasl.jaas.config} with the builder's user and password.
   *
   * @return a new mutable map, ready to add to a producer's or consumer's configuration
   * @throws IllegalStateException before the first {@link #start()}, or when the builder did not
   *     ask for SASL/PLAIN
   */
  public synchronized Map<String, String> saslClientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", saslBootstrapServers());
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "PLAIN");
    p.put("sasl.jaas.config", plainJaas(saslUser, saslPassword, ""));
    return p;
  }

  /**
   * The client settings for the SSL listener: {@code bootstrap.servers}, {@code security.protocol}
   * and a PEM trust store holding the broker's self-signed certificate (issued to {@code 127.0.0.1}
   * and {@code localhost}, so host name verification stays on).
   *
   * @return a new mutable map, ready to add to a producer's or consumer's configuration
   * @throws IllegalStateException before the first {@link #start()}, or when the builder did not
   *     ask for SSL
   */
  public synchronized Map<String, String> sslClientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", sslBootstrapServers());
    p.put("security.protocol", "SSL");
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", dir.resolve("broker-cert.pem").toString());
    return p;
  }

  /**
   * Creates a topic with this many partitions and replication factor 1, and waits for it.
   *
   * @param name the topic's name, as Kafka allows it
   * @param partitions how many partitions; at least 1
   * @throws IllegalStateException when the broker does not create it within the startup timeout
   */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + name, e);
    }
  }

  /**
   * An Admin client on the plaintext listener; the caller closes it.
   *
   * @return a new client with a 5 s request timeout and a 10 s API timeout
   */
  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return Admin.create(p);
  }

  /**
   * True while the broker process runs.
   *
   * @return whether the child process is alive; false before {@link #start()} and after {@link
   *     #stop()}
   */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * The broker's temporary directory: properties, log directory and {@code kafka.log}.
   *
   * @return the directory, kept across {@link #restart()} and deleted by {@link #close()}
   * @throws IllegalStateException before the first {@link #start()}
   */
  public synchronized Path directory() {
    requirePrepared();
    return dir;
  }

  /**
   * Stops the broker (a clean shutdown, forced after 30 s) and keeps its data for {@link
   * #restart()}. Does nothing when it is not running.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process p = process;
    process = null;
    p.destroy();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("Kafka broker did not stop within 30 s, killing it");
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(processStdin);
    }
  }

  /** Stops the broker if it runs, then starts it again on the same ports with the same data. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** Stops the broker and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    if (dir != null) {
      deleteRecursively(dir);
    }
  }

  @Override
  public synchronized String toString() {
    return "EmbeddedKafka{" + (dir == null ? "not started" : "127.0.0.1:" + brokerPort) + "}";
  }

  private void requirePrepared() {
    if (dir == null) {
      throw new IllegalStateException("EmbeddedKafka is not started yet");
    }
  }

  private void prepare() throws IOException {
    deleteRecursively(dir.resolve("data"));
    Files.createDirectories(dir.resolve("data"));
    brokerPort = freePort();
    controllerPort = freePort();
    saslPort = saslUser == null ? 0 : freePort();
    sslPort = ssl ? freePort() : 0;
    if (ssl) {
      makeCertificate();
    }
    Properties p = serverProperties();
    try (OutputStream out = Files.newOutputStream(dir.resolve("server.properties"))) {
      p.store(out, "EmbeddedKafka");
    }
  }

  private Properties serverProperties() {
    List<String> listeners = new ArrayList<>();
    List<String> advertised = new ArrayList<>();
    listeners.add("PLAINTEXT://127.0.0.1:" + brokerPort);
    advertised.add("PLAINTEXT://127.0.0.1:" + brokerPort);
    listeners.add("CONTROLLER://127.0.0.1:" + controllerPort);
    String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
    Properties p = new Properties();
    if (saslUser != null) {
      listeners.add("SASL_PLAINTEXT://127.0.0.1:" + saslPort);
      advertised.add("SASL_PLAINTEXT://127.0.0.1:" + saslPort);
      protocols += ",SASL_PLAINTEXT:SASL_PLAINTEXT";
      p.put("sasl.enabled.mechanisms", "PLAIN");
      p.put(
          "listener.name.sasl_plaintext.plain.sasl.jaas.config",
          plainJaas(
              saslUser,
              saslPassword,
              " user_" + saslUser + "=\"" + escapeJaas(saslPassword) + "\""));
    }
    if (ssl) {
      listeners.add("SSL://127.0.0.1:" + sslPort);
      advertised.add("SSL://127.0.0.1:" + sslPort);
      protocols += ",SSL:SSL";
      p.put("listener.name.ssl.ssl.keystore.type", "PKCS12");
      p.put("listener.name.ssl.ssl.keystore.location", dir.resolve("broker.p12").toString());
      p.put("listener.name.ssl.ssl.keystore.password", storePassword);
      p.put("listener.name.ssl.ssl.key.password", storePassword);
    }
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.put("listeners", String.join(",", listeners));
    p.put("advertised.listeners", String.join(",", advertised));
    p.put("listener.security.protocol.map", protocols);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dir.resolve("data").toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.putAll(brokerProperties);
    return p;
  }

  private void launch() throws IOException {
    // Absolute entries: the child runs in its own directory, and `java -jar vulcan.jar` gives a
    // relative class path.
    String classPath =
        java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms64m");
    command.add("-Xmx512m");
    command.add("-Djava.awt.headless=true");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info");
    command.add("-cp");
    command.add(classPath);
    command.add(KafkaBrokerMain.class.getName());
    command.add(dir.resolve("server.properties").toString());
    command.add(dir.resolve("data").toString());
    command.add(clusterId);
    Path log = dir.resolve("kafka.log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    processStdin = process.getOutputStream();
    LOG.info("Kafka broker starting on 127.0.0.1:{}, log in {}", brokerPort, log);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    Exception last = null;
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          int code = process.exitValue();
          process = null;
          throw new IllegalStateException(
              "Kafka broker exited with code " + code + " while starting\n" + logTail());
        }
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            LOG.info("Kafka broker answers on 127.0.0.1:{}", brokerPort);
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        Thread.sleep(100); // a retry pause, not synchronisation
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IllegalStateException("interrupted waiting for Kafka to start", e);
    }
    stop();
    throw new IllegalStateException(
        "Kafka broker did not answer on 127.0.0.1:"
            + brokerPort
            + " within "
            + startupTimeout
            + " (last error: "
            + last
            + ")\n"
            + logTail());
  }

  /** The broker log's first errors and its last lines, for error messages. */
  String logTail() {
    Path log = dir.resolve("kafka.log");
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> errors = new ArrayList<>();
      for (String line : lines) {
        if (errors.size() < 10
            && (line.contains(" ERROR ")
                || line.contains(" FATAL ")
                || line.contains("Address already in use"))) {
          errors.add(line);
        }
      }
      int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
      return "--- first errors in "
          + log
          + " ---\n"
          + String.join("\n", errors)
          + "\n--- last lines of "
          + log
          + " ---\n"
          + String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ": " + e + ")";
    }
  }

  private void makeCertificate() throws IOException {
    String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
    Files.deleteIfExists(dir.resolve("broker.p12"));
    Files.deleteIfExists(dir.resolve("broker-cert.pem"));
    runTool(
        keytool,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "3650",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        dir.resolve("broker.p12").toString(),
        "-storepass",
        storePassword,
        "-keypass",
        storePassword);
    runTool(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        dir.resolve("broker.p12").toString(),
        "-storepass",
        storePassword,
        "-file",
        dir.resolve("broker-cert.pem").toString());
  }

  private void runTool(String... command) throws IOException {
    Path out = dir.resolve("keytool.log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(
            "keytool " + command[1] + " failed: " + Files.readString(out, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running keytool", e);
    }
  }

  private static String plainJaas(String user, String password, String extra) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + escapeJaas(user)
        + "\" password=\""
        + escapeJaas(password)
        + "\""
        + extra
        + ";";
  }

  private static String escapeJaas(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // The child is gone already.
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", root, e.toString());
    }
  }

  /**
   * Configures an {@link EmbeddedKafka}. Not thread-safe.
   *
   * <p>Defaults: plaintext listener only, one partition per auto-created topic, automatic topic
   * creation on, 60 s startup timeout.
   */
  public static final class Builder {
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private String saslUser;
    private String saslPassword;
    private boolean ssl;

    private Builder() {}

    /**
     * Sets a broker property, replacing the default (e.g. {@code auto.create.topics.enable=false},
     * {@code num.partitions=3}).
     *
     * @param name the property's name, as Kafka documents it; not null
     * @param value its value; not null
     * @return this builder
     */
    public Builder brokerProperty(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, () -> "value of " + name);
      brokerProperties.put(name, value);
      return this;
    }

    /**
     * How long {@link #start()} waits for the broker to answer; default 60 s. Also bounds {@link
     * #createTopic(String, int)}.
     *
     * @param timeout the wait; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder startupTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startupTimeout must be > 0: " + timeout);
      }
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * Adds a SASL_PLAINTEXT listener with the PLAIN mechanism and this one user.
     *
     * @param user the only user the listener accepts; not empty
     * @param password the user's password; not null
     * @return this builder
     * @throws IllegalArgumentException when {@code user} is null or empty
     */
    public Builder saslPlain(String user, String password) {
      if (user == null || user.isEmpty()) {
        throw new IllegalArgumentException("SASL user must not be empty");
      }
      this.saslUser = user;
      this.saslPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Adds an SSL listener with a self-signed certificate for {@code 127.0.0.1}.
     *
     * @return this builder
     */
    public Builder ssl() {
      this.ssl = true;
      return this;
    }

    /**
     * The broker, not started yet.
     *
     * @return the broker; call {@link EmbeddedKafka#start()}, and close it when done
     */
    public EmbeddedKafka build() {
      return new EmbeddedKafka(this);
    }
  }
}
