package dev.palm.containers;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * One PALM pipeline in a container of the PALM image ({@code palm run --no-workload}), on the
 * host's network, with its state (RocksDB, the checkpoint signing key, Kafka Streams' process id)
 * in a named volume: a new container on the same volume with the same {@code --group-instance-id}
 * is the same instance restarted.
 */
final class PipelineNode implements AutoCloseable {

  /** The query API's bearer token of every test pipeline. */
  static final String TOKEN = "container-test-token-0123456789";

  private static final Pattern TRUSTED_KEY = Pattern.compile("--trusted-key (\\S+)");

  private final String bootstrapServers;
  private final String registryUrl;
  private final Settings settings;
  private final int httpPort = Ports.free();
  private String keyVolume;
  private GenericContainer<?> container;

  /**
   * What names one instance.
   *
   * @param applicationId the Kafka Streams application id (consumer group)
   * @param topicPrefix the first part of every topic name
   * @param instanceId the static group member id
   * @param volume the named volume holding {@code /var/lib/palm}
   */
  record Settings(String applicationId, String topicPrefix, String instanceId, String volume) {
    static Settings unique(String name) {
      String suffix = Long.toString(System.nanoTime(), 36);
      return new Settings(
          name + "-" + suffix,
          name + "-" + suffix,
          name + "-1",
          "palm-test-" + name + "-" + suffix);
    }

    Settings instance(String id) {
      return new Settings(applicationId, topicPrefix, id, volume + "-" + id);
    }
  }

  PipelineNode(String bootstrapServers, String registryUrl, Settings settings) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.settings = settings;
  }

  /**
   * Instances of one application share one checkpoint signing key (each seals the audit records it
   * writes with it, and each instance's audit watcher checks every record): here a named volume
   * that every instance mounts at /var/lib/palm-keys, the first one creating the key.
   */
  PipelineNode withSharedSigningKey(String volume) {
    this.keyVolume = volume;
    return this;
  }

  @SuppressWarnings("resource") // closed by close()
  PipelineNode start() {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--no-workload",
                "--verbose",
                "--bootstrap-servers",
                bootstrapServers,
                "--registry-url",
                registryUrl,
                "--state-dir",
                "/var/lib/palm/state",
                "--application-id",
                settings.applicationId(),
                "--topic-prefix",
                settings.topicPrefix(),
                "--group-instance-id",
                settings.instanceId(),
                "--http-port",
                Integer.toString(httpPort)));
    List<Bind> binds = new java.util.ArrayList<>();
    binds.add(new Bind(settings.volume(), new Volume("/var/lib/palm")));
    if (keyVolume != null) {
      args.addAll(List.of("--signing-key", "/var/lib/palm-keys/checkpoint-signing-key.pem"));
      binds.add(new Bind(keyVolume, new Volume("/var/lib/palm-keys")));
    }
    container =
        new GenericContainer<>(DockerImageName.parse(Images.palm()))
            .withNetworkMode("host")
            .withEnv("PALM_HTTP_TOKEN", TOKEN)
            .withEnv("PALM_JAVA_OPTS", "-Xmx512m")
            .withCommand(args.toArray(String[]::new))
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(binds))
            .withLogConsumer(
                new Slf4jLogConsumer(
                    LoggerFactory.getLogger("container.palm." + settings.instanceId())))
            .waitingFor(
                Wait.forLogMessage(".*The pipeline keeps running.*\\n", 1)
                    .withStartupTimeout(Duration.ofMinutes(3)));
    container.start();
    return this;
  }

  Settings settings() {
    return settings;
  }

  /** The public key that signs this instance's checkpoints, as {@code palm run} printed it. */
  String trustedKey() {
    Matcher m = TRUSTED_KEY.matcher(container.getLogs());
    if (!m.find()) {
      throw new IllegalStateException("The pipeline did not print its checkpoint key");
    }
    return m.group(1);
  }

  /** SIGKILL of the pipeline's container; the container is then removed, its volume kept. */
  void kill() {
    Docker.kill(container.getContainerId());
    container.stop();
  }

  /** The query API's {@code GET /health} status code, or -1 when nothing answers. */
  int health() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  String logs() {
    return container.getLogs();
  }

  /** Stops the container (docker stop: SIGTERM, a clean close) and removes it; the volume stays. */
  @Override
  public void close() {
    if (container != null) {
      container.stop();
    }
  }
}
