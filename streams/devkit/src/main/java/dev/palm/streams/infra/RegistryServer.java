package dev.palm.streams.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry server (from Maven Central, see {@link RegistryDistribution}) running as
 * a child process on a free port of 127.0.0.1, for tests and for the default run when no registry
 * URL is given.
 *
 * <p>Storage is in memory unless a data folder is given (then an H2 file database there keeps
 * schemas across restarts). {@link #close()}, or a JVM shutdown hook if the caller forgets, stops
 * the process and its children.
 */
public final class RegistryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);
  private static final int START_ATTEMPTS = 3;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /** Where Apicurio serves the Confluent Schema Registry REST API (v7). */
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Optional<Path> temporaryLogDirectory;
  private final Thread shutdownHook;
  private boolean closed;

  private RegistryServer(
      Process process, int port, Path logFile, Optional<Path> temporaryLogDirectory) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.temporaryLogDirectory = temporaryLogDirectory;
    this.shutdownHook = new Thread(this::closeQuietly, "palm-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the default server version with in-memory storage and default settings. */
  public static RegistryServer start() {
    return builder().start();
  }

  /** Returns a builder to choose the version, data and log folders, heap and start timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The URL PALM and every Confluent-compatible client use: the server's Confluent Schema Registry
   * API, e.g. {@code http://127.0.0.1:40321/apis/ccompat/v7} (what {@code --registry-url} takes).
   */
  public String url() {
    return baseUrl() + CCOMPAT_PATH;
  }

  /** The server's root URL, e.g. {@code http://127.0.0.1:40321}. */
  public String baseUrl() {
    return "http://" + LoopbackPorts.HOST + ":" + port;
  }

  /** The HTTP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The process id of the server, e.g. to check that nothing is left running. */
  public long pid() {
    return process.pid();
  }

  /** The file receiving the server's standard output and error. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the server process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server and its child processes and waits for them to exit. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long startNanos = System.nanoTime();
    try {
      stopProcessTree(process);
    } finally {
      temporaryLogDirectory.ifPresent(RegistryServer::deleteQuietly);
      EmbeddedKafka.removeShutdownHook(shutdownHook);
    }
    LOG.info(
        "Apicurio Registry at {} stopped in {} ms",
        url(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("Apicurio Registry at {} did not stop cleanly: {}", url(), e.toString());
    }
  }

  private static void stopProcessTree(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "Apicurio Registry (pid {}) ignored SIGTERM for {} s; killing it",
            process.pid(),
            STOP_TIMEOUT.toSeconds());
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
      for (ProcessHandle child : children) {
        if (child.isAlive()) {
          child.destroyForcibly();
          child.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("A child process of the Apicurio Registry did not exit: {}", e.toString());
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      FileTrees.deleteRecursively(folder);
    } catch (IOException e) {
      LOG.warn("Could not delete the registry's temporary log folder {}: {}", folder, e.toString());
    }
  }

  @Override
  public String toString() {
    return "RegistryServer[" + url() + ", pid=" + process.pid() + "]";
  }

  /** Options for {@link RegistryServer}; every option has a default suitable for tests. */
  public static final class Builder {
    private String version = RegistryDistribution.DEFAULT_VERSION;
    private RegistryDistribution distribution;
    private Path dataDirectory;
    private Path logDirectory;
    private Duration startTimeout = Duration.ofSeconds(180);
    private String heap = "256m";
    private Optional<String> globalCompatibility = Optional.of("BACKWARD");
    private Path javaExecutable;
    private int fixedPort;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The server version to resolve from Maven Central (default {@link
     * RegistryDistribution#DEFAULT_VERSION}).
     */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Uses an already resolved distribution instead of resolving {@link #version(String)}. */
    public Builder distribution(RegistryDistribution distribution) {
      this.distribution = Objects.requireNonNull(distribution, "distribution");
      return this;
    }

    /**
     * Keeps schemas in an H2 database file in {@code folder} (created if missing) across restarts.
     */
    public Builder dataDirectory(Path folder) {
      this.dataDirectory = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** Same as {@link #dataDirectory(Path)} when present; in-memory storage otherwise. */
    public Builder dataDirectory(Optional<Path> folder) {
      this.dataDirectory = folder.orElse(null);
      return this;
    }

    /**
     * Writes the server log ({@code registry.log}) into {@code folder} and keeps it; a temporary
     * folder otherwise.
     */
    public Builder logDirectory(Path folder) {
      this.logDirectory = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * How long to wait for the server to answer before failing (default 180 s, for busy 2-core
     * machines).
     */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The server's maximum heap, as for {@code -Xmx} (default {@code 256m}). */
    public Builder heap(String heap) {
      this.heap = Objects.requireNonNull(heap, "heap");
      return this;
    }

    /**
     * The global compatibility rule for new schema versions ({@code BACKWARD} by default,
     * Confluent's default); empty for none.
     */
    public Builder globalCompatibility(Optional<String> rule) {
      this.globalCompatibility = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /**
     * Listens on {@code port} of 127.0.0.1 instead of a free port chosen at start, e.g. to restart
     * a server at the URL its clients already use.
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535, got " + port);
      }
      this.fixedPort = port;
      return this;
    }

    /** The {@code java} binary to run the server with (default: the one running this JVM). */
    public Builder javaExecutable(Path java) {
      this.javaExecutable = Objects.requireNonNull(java, "java");
      return this;
    }

    /** Adds a {@code -Dkey=value} for the server (Quarkus or Apicurio 2.x settings). */
    public Builder systemProperty(String key, String value) {
      systemProperties.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Resolves the distribution, starts the server and waits until its API answers. */
    public RegistryServer start() {
      RegistryDistribution dist =
          distribution != null ? distribution : RegistryDistribution.resolve(version);
      Path logs;
      Optional<Path> temporaryLogs;
      try {
        if (logDirectory == null) {
          logs = Files.createTempDirectory("palm-registry-");
          temporaryLogs = Optional.of(logs);
        } else {
          logs = Files.createDirectories(logDirectory);
          temporaryLogs = Optional.empty();
        }
        if (dataDirectory != null) {
          Files.createDirectories(dataDirectory);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not create the registry's log or data folder", e);
      }
      IllegalStateException lastFailure = null;
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        try {
          return startOnce(dist, logs, temporaryLogs);
        } catch (PortTaken e) {
          lastFailure = e;
          LOG.info(
              "Apicurio Registry could not bind its port (attempt {}/{}), retrying",
              attempt,
              START_ATTEMPTS);
        }
        // on any other failure the log folder is kept: the exception names it for inspection
      }
      throw lastFailure;
    }

    private RegistryServer startOnce(
        RegistryDistribution dist, Path logs, Optional<Path> temporaryLogs) {
      long startNanos = System.nanoTime();
      List<Integer> ports = LoopbackPorts.free(2);
      int httpPort = fixedPort > 0 ? fixedPort : ports.get(0);
      int managementPort = ports.get(1);
      Path logFile = logs.resolve("registry.log");
      List<String> command = command(dist, httpPort, managementPort);
      LOG.debug("Starting Apicurio Registry: {}", command);
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .directory(dist.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "Could not start the Apicurio Registry with " + command.get(0) + ": " + e.getMessage(),
            e);
      }
      RegistryServer server = new RegistryServer(process, httpPort, logFile, temporaryLogs);
      try {
        awaitReady(server, process, logFile);
      } catch (RuntimeException e) {
        // stop the half-started process but keep the log folder for the retry or the error message
        stopProcessTree(process);
        EmbeddedKafka.removeShutdownHook(server.shutdownHook);
        server.closed = true;
        throw e;
      }
      LOG.info(
          "Apicurio Registry {} ready at {} in {} ms (pid {}, {} storage, log {})",
          dist.version(),
          server.url(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
          process.pid(),
          dataDirectory == null ? "in-memory" : "H2 file in " + dataDirectory,
          logFile);
      return server;
    }

    private List<String> command(RegistryDistribution dist, int httpPort, int managementPort) {
      List<String> command = new ArrayList<>();
      command.add(java().toString());
      command.add("-Xmx" + heap);
      // a short-lived helper server: fast start matters more than peak throughput
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-XX:+UseSerialGC");
      command.add("-Dquarkus.http.host=" + LoopbackPorts.HOST);
      command.add("-Dquarkus.http.port=" + httpPort);
      command.add("-Dquarkus.management.host=" + LoopbackPorts.HOST);
      command.add("-Dquarkus.management.port=" + managementPort);
      command.add("-Dquarkus.banner.enabled=false");
      // Apicurio 2.x settings: the global rule, and the H2 database (in memory unless a data folder
      // is given)
      globalCompatibility.ifPresent(
          rule -> command.add("-Dregistry.rules.global.compatibility=" + rule));
      if (dataDirectory != null) {
        command.add(
            "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                + dataDirectory.toAbsolutePath().resolve("registry"));
      }
      systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.add("-jar");
      command.add(dist.runnerJar().toAbsolutePath().toString());
      return command;
    }

    private Path java() {
      if (javaExecutable != null) {
        return javaExecutable;
      }
      Path home = Path.of(System.getProperty("java.home"), "bin");
      Path java = home.resolve("java");
      if (Files.isExecutable(java)) {
        return java;
      }
      Path windows = home.resolve("java.exe");
      if (Files.isExecutable(windows)) {
        return windows;
      }
      return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
    }

    private void awaitReady(RegistryServer server, Process process, Path logFile) {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.url() + "/subjects"))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build();
      long deadline = System.nanoTime() + startTimeout.toNanos();
      while (true) {
        if (!process.isAlive()) {
          String tail = LogTail.of(logFile, 40);
          if (tail.contains("Address already in use") || tail.contains("Port already bound")) {
            throw new PortTaken(
                "Apicurio Registry could not bind port " + server.port() + ":\n" + tail);
          }
          throw new IllegalStateException(
              "Apicurio Registry exited with code "
                  + process.exitValue()
                  + " before it was ready (log "
                  + logFile
                  + "); last lines:\n"
                  + tail);
        }
        try {
          HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // connection refused until Quarkus has opened its port
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the Apicurio Registry", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Apicurio Registry did not answer on "
                  + server.url()
                  + " within "
                  + startTimeout.toSeconds()
                  + " s (log "
                  + logFile
                  + "); raise the start timeout on a slow"
                  + " machine. Last lines of its log:\n"
                  + LogTail.of(logFile, 40));
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the Apicurio Registry", e);
        }
      }
    }
  }

  /** A start failed only because another process took the chosen port in the meantime. */
  private static final class PortTaken extends IllegalStateException {
    PortTaken(String message) {
      super(message);
    }
  }
}
