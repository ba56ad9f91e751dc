package dev.palm.containers;

import java.time.Duration;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** An Apicurio Registry 2.6 in a container on the host's network, on free ports of 127.0.0.1. */
final class RegistryNode implements AutoCloseable {

  private final int port = Ports.free();
  private final GenericContainer<?> container;

  @SuppressWarnings("resource") // closed by close()
  RegistryNode() {
    container =
        new GenericContainer<>(DockerImageName.parse(Images.registry()))
            .withNetworkMode("host")
            .withEnv(
                Map.of(
                    "QUARKUS_HTTP_HOST", "127.0.0.1",
                    "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
                    "QUARKUS_MANAGEMENT_PORT", Integer.toString(Ports.free()),
                    "JAVA_OPTS", "-Xmx256m"))
            .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container.registry")))
            .waitingFor(
                Wait.forLogMessage(".*Listening on.*\\n", 1)
                    .withStartupTimeout(Duration.ofMinutes(2)));
  }

  RegistryNode start() {
    container.start();
    return this;
  }

  /** The Confluent-compatible API PALM talks to. */
  String url() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  String containerId() {
    return container.getContainerId();
  }

  @Override
  public void close() {
    container.stop();
  }
}
