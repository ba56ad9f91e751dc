package dev.palm.streams.query;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.OperationRequested;
import dev.palm.events.ResourceRequests;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.PalmTopology;
import dev.palm.streams.infra.SharedInfra;
import dev.palm.streams.policy.PolicyOptions;
import dev.palm.streams.testing.TestKeys;
import dev.palm.streams.topics.TopicProvisioner;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The query API's test fixture: one topic layout and application id on the JVM's shared broker and
 * registry, the policy topology in one or more Kafka Streams instances each with its own state
 * folder and query server, a producer of operation requests and an HTTP client.
 */
final class QueryFixture implements AutoCloseable {

  /** The token every test server is started with. */
  static final String TOKEN = "query-api-test-token-0123456789abcdef";

  final String prefix = SharedInfra.uniquePrefix("query");
  final TopicLayout layout = TopicLayout.withPrefix(prefix);
  final PalmSerdes serdes = SharedInfra.serdes();
  final List<PlatformPack> packs;
  final int inputPartitions;
  private final List<Instance> instances = new ArrayList<>();
  private final KafkaProducer<String, OperationRequested> producer;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * One application over {@code packs} whose input topics have {@code inputPartitions} partitions.
   */
  QueryFixture(List<PlatformPack> packs, int inputPartitions) {
    this.packs = List.copyOf(packs);
    this.inputPartitions = inputPartitions;
    try (Admin admin = Admin.create(kafkaProperties())) {
      TopicProvisioner.builder(layout)
          .inputPartitions(inputPartitions)
          .build()
          .provision(admin, packs, false);
    }
    Properties props = new Properties();
    props.putAll(kafkaProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer =
        new KafkaProducer<>(
            props, new StringSerializer(), serdes.valueSerializer(OperationRequested.class));
  }

  static Map<String, Object> kafkaProperties() {
    return Map.of("bootstrap.servers", SharedInfra.bootstrapServers());
  }

  /** A pipeline instance of the application with its own query server on a free loopback port. */
  final class Instance implements AutoCloseable {
    final QueryServer server;
    final KafkaStreams streams;
    final Path stateDir;

    private Instance(QueryServerConfig config) {
      this.server = QueryServer.bind(config);
      try {
        this.stateDir = Files.createTempDirectory("palm-query-");
      } catch (IOException e) {
        server.close();
        throw new UncheckedIOException(e);
      }
      Properties props = new Properties();
      props.putAll(kafkaProperties());
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix);
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
      props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
      this.streams =
          new KafkaStreams(
              PalmTopology.build(
                  packs,
                  layout,
                  serdes,
                  PolicyOptions.defaults()
                      .withInputPartitions(inputPartitions)
                      .withKeyring(TestKeys.keyring())),
              props);
      streams.start();
      server.start(new QuerySources(streams, packs, layout, serdes, kafkaProperties(), prefix));
    }

    URI base() {
      return server.baseUri();
    }

    @Override
    public void close() {
      server.close();
      streams.close(Duration.ofSeconds(30));
      deleteTree(stateDir);
    }
  }

  /** Starts one more instance of the application. */
  Instance startInstance() {
    Instance instance = new Instance(QueryServerConfig.loopback(0, TOKEN));
    instances.add(instance);
    return instance;
  }

  /**
   * Publishes an operation request keyed by its pack and waits for the broker's acknowledgement.
   */
  void publish(OperationRequested unsigned) {
    // signed by the actor's test key, as packs that require proofs demand (others ignore it)
    OperationRequested request = OperationRequested.newBuilder(unsigned).build();
    if (request.getProof() == null && request.getActor() != null) {
      TestKeys.proof(request, request.getActor().getId(), java.time.Instant.now())
          .ifPresent(request::setProof);
    }
    try {
      producer
          .send(new ProducerRecord<>(layout.operations().name(), request.getPack(), request))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not publish " + request.getOperationId() + ": " + e, e);
    }
  }

  /** An operation request by a human, with modest resources. */
  static OperationRequested operation(
      String pack,
      String operationId,
      String operation,
      String deploymentId,
      Integer targetReplicas) {
    return OperationRequested.newBuilder()
        .setOperationId(operationId)
        .setPack(pack)
        .setOperation(operation)
        .setDeploymentId(deploymentId)
        .setActor(Actor.newBuilder().setId("alice").setType(ActorType.HUMAN).build())
        .setRequestedAt(Instant.now())
        .setTargetReplicas(targetReplicas)
        .setResources(
            ResourceRequests.newBuilder()
                .setCpuMillicores(100)
                .setMemoryMb(128)
                .setStorageMb(256)
                .setNetworkKbps(1000)
                .build())
        .setParameters(Map.of())
        .setJustification("query API test")
        .build();
  }

  /** {@code GET base + path} with {@code token} (none when null). */
  HttpResponse<String> get(URI base, String path, String token) {
    return send(base, "GET", path, token);
  }

  /** A request with any method. */
  HttpResponse<String> send(URI base, String method, String path, String token) {
    return exchange(base, method, path, token == null ? null : "Bearer " + token);
  }

  /** {@code GET base + path} with this exact {@code Authorization} header. */
  HttpResponse<String> getWithAuthorization(URI base, String path, String authorization) {
    return exchange(base, "GET", path, authorization);
  }

  /** {@code GET base + path} with the token and one more request header. */
  HttpResponse<String> getWithHeader(URI base, String path, String header, String value) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + TOKEN)
            .header(header, value)
            .GET();
    return send(request);
  }

  /** A request with this exact {@code Authorization} header, none when null. */
  private HttpResponse<String> exchange(
      URI base, String method, String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Polls {@code condition} every 100 ms until it holds, failing with {@code what} after {@code
   * limit}.
   */
  static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Waits until every instance's Kafka Streams is RUNNING. */
  void awaitRunning() {
    await(
        "every instance RUNNING",
        Duration.ofSeconds(120),
        () -> instances.stream().allMatch(i -> i.streams.state() == KafkaStreams.State.RUNNING));
  }

  @Override
  public void close() {
    for (Instance instance : instances) {
      instance.close();
    }
    producer.close(Duration.ofSeconds(5));
  }

  static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
