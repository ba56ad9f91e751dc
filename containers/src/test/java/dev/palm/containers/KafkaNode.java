package dev.palm.containers;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A one-node KRaft broker in a container on the host's network, bound to 127.0.0.1 on free ports
 * and configured through the official apache/kafka image's KAFKA_* variables.
 */
final class KafkaNode implements AutoCloseable {

  private final int port = Ports.free();
  private final int controllerPort = Ports.free();
  private final GenericContainer<?> container;

  @SuppressWarnings("resource") // closed by close()
  KafkaNode() {
    container =
        new GenericContainer<>(DockerImageName.parse(Images.kafka()))
            .withNetworkMode("host")
            .withEnv(
                Map.ofEntries(
                    Map.entry("CLUSTER_ID", "5L6g3nShT-eMCtK--X86sw"),
                    Map.entry("KAFKA_NODE_ID", "1"),
                    Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
                    Map.entry(
                        "KAFKA_LISTENERS",
                        "PLAINTEXT://127.0.0.1:"
                            + port
                            + ",CONTROLLER://127.0.0.1:"
                            + controllerPort),
                    Map.entry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:" + port),
                    Map.entry(
                        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
                    Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:" + controllerPort),
                    Map.entry("KAFKA_LOG_DIRS", "/var/lib/kafka/data"),
                    Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
                    Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1"),
                    Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"),
                    Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1"),
                    Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1"),
                    Map.entry("KAFKA_DEFAULT_REPLICATION_FACTOR", "1"),
                    Map.entry("KAFKA_MIN_INSYNC_REPLICAS", "1"),
                    Map.entry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"),
                    Map.entry("KAFKA_HEAP_OPTS", "-Xmx384m")))
            .waitingFor(
                Wait.forLogMessage(".*Kafka Server started.*\\n", 1)
                    .withStartupTimeout(Duration.ofMinutes(2)));
  }

  KafkaNode start() {
    container.start();
    return this;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  String containerId() {
    return container.getContainerId();
  }

  /** docker stop, then docker start of the same container (its data kept), until it answers. */
  void restart(Duration down) throws InterruptedException {
    Docker.stop(containerId(), 30);
    Thread.sleep(down.toMillis());
    Docker.start(containerId());
    awaitAnswer(Duration.ofMinutes(2));
  }

  void awaitAnswer(Duration timeout) throws InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "The broker at " + bootstrapServers() + " did not answer within " + timeout, e);
          }
          Thread.sleep(500);
        }
      }
    }
  }

  @Override
  public void close() {
    container.stop();
  }
}
