package dev.palm.streams.policy;

import dev.palm.audit.ChainVerifier;
import dev.palm.audit.VerificationResult;
import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.AgentSpecSummary;
import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.GrantAction;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.OutcomeStatus;
import dev.palm.events.PolicyDecision;
import dev.palm.events.ResourceRequests;
import dev.palm.events.StandingApproval;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.PalmTopology;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.testing.TestKeys;
import dev.palm.wire.TopicLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Drives the policy topology in a {@link TopologyTestDriver} with plain-Avro serdes, a mocked wall
 * clock that starts at {@link #START}, and helpers to publish operations, answers and releases and
 * to read what came out. Everything read from the output topics is kept, so whole audit chains can
 * be verified at the end.
 */
final class PolicyHarness implements AutoCloseable {

  /** The mocked wall clock's start. */
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final TopologyTestDriver driver;
  private final TopicLayout topics = TopicLayout.defaults();
  private final PlainAvroSerdes serdes = new PlainAvroSerdes();
  private final Path stateDir;
  private final TestInputTopic<String, OperationRequested> operations;
  private final TestInputTopic<String, ApprovalResponse> responses;
  private final TestInputTopic<String, HoldRelease> releases;
  private final TestInputTopic<String, OperationOutcome> outcomes;
  private final TestInputTopic<String, StandingApproval> grants;
  private final Map<String, TestInputTopic<byte[], byte[]>> raw = new HashMap<>();
  private final Map<String, TestOutputTopic<String, PolicyDecision>> decisionTopics =
      new LinkedHashMap<>();
  private final Map<String, TestOutputTopic<String, ApprovalRequest>> approvalTopics =
      new LinkedHashMap<>();
  private final Map<String, TestOutputTopic<String, AuditRecord>> auditTopics =
      new LinkedHashMap<>();
  private final TestOutputTopic<byte[], byte[]> dlq;
  private final Map<String, TestOutputTopic<String, Checkpoint>> checkpointTopics =
      new LinkedHashMap<>();
  private final Map<String, List<PolicyDecision>> decisions = new HashMap<>();
  private final Map<String, List<ApprovalRequest>> approvals = new HashMap<>();
  private final Map<String, List<AuditRecord>> audit = new HashMap<>();
  private final List<TestRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
  private Instant now = START;
  private int counter;
  private final java.util.Set<String> packsRequiringProof = new java.util.HashSet<>();
  private boolean autoSign = true;

  PolicyHarness(List<PlatformPack> packs) {
    this(packs, new PolicyOptions(Duration.ofMillis(1)));
  }

  /** A harness whose timers run every {@code options.punctuationInterval()}. */
  PolicyHarness(List<PlatformPack> packs, PolicyOptions options) {
    this(packs, options, new PlainAvroSerdes());
  }

  /**
   * A harness whose topology uses {@code topologySerdes} (e.g. one that can simulate a registry
   * outage); the test's own inputs and outputs use plain-Avro serdes, which must produce the same
   * bytes.
   */
  PolicyHarness(List<PlatformPack> packs, PolicyOptions options, EventSerdes topologySerdes) {
    try {
      stateDir = Files.createTempDirectory("palm-policy-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "palm-policy-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Packs that require proofs trust the test actors' keys, and the harness signs for them
    // (turn it off with unsigned() to test the proof rules themselves). Not with startup events:
    // the keys would be recorded with the start (KeyringAudit), so those tests choose their keys.
    PolicyOptions keyed =
        options.keyring().keys().isEmpty() && options.startupEvents().isEmpty()
            ? options.withKeyring(TestKeys.keyring())
            : options;
    packs.stream()
        .filter(p -> p.policyConfig().accountability().requireProof())
        .forEach(p -> packsRequiringProof.add(p.metadata().name()));
    driver =
        new TopologyTestDriver(
            PalmTopology.build(packs, topics, topologySerdes, keyed), props, START);
    StringSerializer keys = new StringSerializer();
    operations =
        driver.createInputTopic(
            topics.operations().name(),
            keys,
            serdes.valueSerde(OperationRequested.class).serializer());
    responses =
        driver.createInputTopic(
            topics.approvalResponses().name(),
            keys,
            serdes.valueSerde(ApprovalResponse.class).serializer());
    releases =
        driver.createInputTopic(
            topics.holdReleases().name(), keys, serdes.valueSerde(HoldRelease.class).serializer());
    outcomes =
        driver.createInputTopic(
            topics.outcomes().name(), keys, serdes.valueSerde(OperationOutcome.class).serializer());
    grants =
        driver.createInputTopic(
            topics.approvalGrants().name(),
            keys,
            serdes.valueSerde(StandingApproval.class).serializer());
    for (String topic :
        List.of(
            topics.operations().name(),
            topics.approvalResponses().name(),
            topics.holdReleases().name(),
            topics.approvalGrants().name(),
            topics.outcomes().name())) {
      raw.put(
          topic,
          driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
    }
    StringDeserializer keyReader = new StringDeserializer();
    for (PlatformPack pack : packs) {
      String name = pack.metadata().name();
      decisionTopics.put(
          name,
          driver.createOutputTopic(
              topics.decisions(name).name(),
              keyReader,
              serdes.valueSerde(PolicyDecision.class).deserializer()));
      approvalTopics.put(
          name,
          driver.createOutputTopic(
              topics.approvals(name).name(),
              keyReader,
              serdes.valueSerde(ApprovalRequest.class).deserializer()));
      auditTopics.put(
          name,
          driver.createOutputTopic(
              topics.audit(name).name(),
              keyReader,
              serdes.valueSerde(AuditRecord.class).deserializer()));
      checkpointTopics.put(
          name,
          driver.createOutputTopic(
              topics.checkpoints(name).name(),
              keyReader,
              serdes.valueSerde(Checkpoint.class).deserializer()));
    }
    dlq =
        driver.createOutputTopic(
            topics.dlq().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  Instant now() {
    return now;
  }

  /**
   * Stops signing inputs: from now on operations, answers and releases go out as the test built
   * them (with or without a proof).
   */
  PolicyHarness unsigned() {
    autoSign = false;
    return this;
  }

  private boolean signs(String pack) {
    return autoSign && packsRequiringProof.contains(pack);
  }

  /** Advances the mocked wall clock (firing due punctuations). */
  void advance(Duration by) {
    now = now.plus(by);
    driver.advanceWallClockTime(by);
    drainAll();
  }

  // ------------------------------------------------------------------ inputs

  /** A new operation request builder with sensible defaults (human requester alice). */
  OpBuilder op(String pack, String operation, String deploymentId) {
    return new OpBuilder(pack, operation, deploymentId, "op-" + (++counter));
  }

  /** Publishes an operation keyed by its pack and returns the decisions it produced. */
  List<PolicyDecision> send(OperationRequested op) {
    return send(op.getPack(), op);
  }

  /** Publishes an operation with an explicit key. */
  List<PolicyDecision> send(String key, OperationRequested op) {
    return sendStamped(key, op, now);
  }

  /** Publishes an operation whose record timestamp is {@code timestamp} (the wall clock stays). */
  List<PolicyDecision> sendStamped(String key, OperationRequested op, Instant timestamp) {
    if (op.getProof() == null && op.getActor() != null && signs(op.getPack())) {
      OperationRequested signed = OperationRequested.newBuilder(op).build();
      TestKeys.proof(signed, op.getActor().getId(), now).ifPresent(signed::setProof);
      op = signed;
    }
    operations.pipeInput(key, op, timestamp);
    return drain(key);
  }

  /** Publishes an operation and returns its single decision. */
  PolicyDecision decide(OperationRequested op) {
    List<PolicyDecision> out = send(op);
    if (out.size() != 1) {
      throw new AssertionError("expected one decision for " + op.getOperationId() + ", got " + out);
    }
    return out.get(0);
  }

  List<PolicyDecision> respond(
      String pack, String operationId, String approverId, ActorType type, ApprovalVerdict verdict) {
    ApprovalResponse answer =
        ApprovalResponse.newBuilder()
            .setApprovalId(null)
            .setOperationId(operationId)
            .setPack(pack)
            .setApprover(new Actor(approverId, type))
            .setVerdict(verdict)
            .setComment("checked by " + approverId)
            .setRespondedAt(now)
            .setProof(null)
            .build();
    return respond(answer);
  }

  /** Publishes an answer as built (signed by its approver's test key when the pack needs it). */
  List<PolicyDecision> respond(ApprovalResponse answer) {
    String pack = answer.getPack();
    if (answer.getProof() == null && answer.getApprover() != null && signs(pack)) {
      TestKeys.proof(answer, answer.getApprover().getId(), now).ifPresent(answer::setProof);
    }
    responses.pipeInput(pack, answer, now);
    return drain(pack);
  }

  List<PolicyDecision> approve(String pack, String operationId, String approverId) {
    return respond(pack, operationId, approverId, ActorType.HUMAN, ApprovalVerdict.APPROVE);
  }

  List<PolicyDecision> reject(String pack, String operationId, String approverId) {
    return respond(pack, operationId, approverId, ActorType.HUMAN, ApprovalVerdict.REJECT);
  }

  List<PolicyDecision> release(
      String pack, String operationId, String releaserId, ActorType type, HoldAction action) {
    HoldRelease release =
        HoldRelease.newBuilder()
            .setHoldId(null)
            .setOperationId(operationId)
            .setPack(pack)
            .setReleasedBy(new Actor(releaserId, type))
            .setAction(action)
            .setReason("reviewed")
            .setReleasedAt(now)
            .setProof(null)
            .build();
    return release(release);
  }

  /** Publishes a release as built (signed by its releaser's test key when the pack needs it). */
  List<PolicyDecision> release(HoldRelease release) {
    String pack = release.getPack();
    if (release.getProof() == null && release.getReleasedBy() != null && signs(pack)) {
      TestKeys.proof(release, release.getReleasedBy().getId(), now).ifPresent(release::setProof);
    }
    releases.pipeInput(pack, release, now);
    return drain(pack);
  }

  /** A standing approval by {@code grantor} of {@code operations}, valid for {@code validFor}. */
  StandingApproval grantOf(
      String pack,
      String grantId,
      String grantor,
      List<String> operations,
      int maxUses,
      Duration validFor) {
    return StandingApproval.newBuilder()
        .setGrantId(grantId)
        .setPack(pack)
        .setAction(GrantAction.GRANT)
        .setGrantedBy(new Actor(grantor, ActorType.HUMAN))
        .setOperations(operations)
        .setDeployments(List.of())
        .setMaxUses(maxUses)
        .setExpiresAt(now.plus(validFor))
        .setReason("standing change window")
        .setIssuedAt(now)
        .setProof(null)
        .build();
  }

  /** Publishes a standing approval (signed by its grantor's test key when the pack needs it). */
  List<PolicyDecision> grant(StandingApproval grant) {
    String pack = grant.getPack();
    if (grant.getProof() == null && grant.getGrantedBy() != null && signs(pack)) {
      TestKeys.proof(grant, grant.getGrantedBy().getId(), now).ifPresent(grant::setProof);
    }
    grants.pipeInput(pack, grant, now);
    return drain(pack);
  }

  /**
   * Reports that {@code operationId} was executed on {@code deploymentId} by the service {@code
   * deployer}.
   */
  List<PolicyDecision> report(
      String pack, String operationId, String deploymentId, OutcomeStatus status) {
    return report(pack, outcome(pack, operationId, deploymentId, status).build());
  }

  /** Publishes an outcome keyed by {@code key} and returns the decisions (alerts) it produced. */
  List<PolicyDecision> report(String key, OperationOutcome outcome) {
    outcomes.pipeInput(key, outcome, now);
    return drain(key);
  }

  /** An outcome builder executed now by the service {@code deployer}. */
  OperationOutcome.Builder outcome(
      String pack, String operationId, String deploymentId, OutcomeStatus status) {
    return OperationOutcome.newBuilder()
        .setOperationId(operationId)
        .setPack(pack)
        .setOperation(null)
        .setDeploymentId(deploymentId)
        .setStatus(status)
        .setExecutedBy(new Actor("deployer", ActorType.SERVICE))
        .setExecutedAt(now)
        .setDetail(null);
  }

  /**
   * Creates a deployment with {@code replicas} replicas, approving the creation as {@code bob} when
   * the pack requires approval, then lets the rate window drain (61 s) so the test's own operations
   * start afresh.
   */
  DeploymentState establish(String pack, String deploymentId, int replicas) {
    return establish(pack, op(pack, "create_deployment", deploymentId).replicas(replicas).build());
  }

  /**
   * Like {@link #establish(String, String, int)} with a tiny footprint (1m CPU, 1 MiB), for
   * capacity tests.
   */
  DeploymentState establishSmall(String pack, String deploymentId, int replicas) {
    return establish(
        pack,
        op(pack, "create_deployment", deploymentId)
            .replicas(replicas)
            .resources(1, 1, 1, 1)
            .build());
  }

  private DeploymentState establish(String pack, OperationRequested create) {
    String deploymentId = create.getDeploymentId();
    PolicyDecision created = decide(create);
    if (created.getDecision() == Decision.PENDING_APPROVAL) {
      List<PolicyDecision> approved = approve(pack, created.getOperationId(), "bob");
      if (approved.size() != 1 || approved.get(0).getDecision() != Decision.ALLOWED) {
        throw new AssertionError("could not establish " + deploymentId + ": " + approved);
      }
    } else if (created.getDecision() != Decision.ALLOWED) {
      throw new AssertionError("could not establish " + deploymentId + ": " + created);
    }
    advance(Duration.ofSeconds(61));
    return deployment(pack, deploymentId).orElseThrow();
  }

  /** Publishes raw bytes to an input topic. */
  void sendRaw(String topic, byte[] key, byte[] value) {
    raw.get(topic).pipeInput(key, value, now);
    drainAll();
  }

  /**
   * Appends a record to the pack's audit topic as another producer would (an attacker with write
   * access): no seal, whatever bytes.
   */
  void appendToAuditTopic(String pack, AuditRecord record) {
    driver
        .createInputTopic(
            topics.audit(pack).name(),
            new StringSerializer(),
            serdes.valueSerde(AuditRecord.class).serializer())
        .pipeInput(pack, record, now);
    drainAll();
  }

  /** Serialized bytes of an operation, as the plain serde writes them. */
  byte[] bytesOf(OperationRequested op) {
    return serdes.valueSerde(OperationRequested.class).serializer().serialize("x", op);
  }

  // ------------------------------------------------------------------ outputs

  private List<PolicyDecision> drain(String pack) {
    drainAll();
    return lastDecisions.getOrDefault(pack, List.of());
  }

  private final Map<String, List<PolicyDecision>> lastDecisions = new HashMap<>();

  /** Reads everything the topology has written so far. */
  void drainAll() {
    lastDecisions.clear();
    decisionTopics.forEach(
        (pack, topic) -> {
          List<PolicyDecision> fresh = topic.readValuesToList();
          lastDecisions.put(pack, fresh);
          decisions.computeIfAbsent(pack, p -> new ArrayList<>()).addAll(fresh);
        });
    approvalTopics.forEach(
        (pack, topic) ->
            approvals
                .computeIfAbsent(pack, p -> new ArrayList<>())
                .addAll(topic.readValuesToList()));
    auditTopics.forEach(
        (pack, topic) ->
            audit.computeIfAbsent(pack, p -> new ArrayList<>()).addAll(topic.readValuesToList()));
    deadLetters.addAll(dlq.readRecordsToList());
  }

  List<PolicyDecision> decisions(String pack) {
    drainAll();
    return List.copyOf(decisions.getOrDefault(pack, List.of()));
  }

  /**
   * The records of kind {@code DECISION} on the pack's decisions topic so far (reconciliation
   * alerts left out).
   */
  List<PolicyDecision> decisionsOnly(String pack) {
    return decisions(pack).stream().filter(d -> d.getKind() == DecisionKind.DECISION).toList();
  }

  /** The records of kind {@code ALERT} on the pack's decisions topic so far. */
  List<PolicyDecision> alerts(String pack) {
    return decisions(pack).stream().filter(d -> d.getKind() == DecisionKind.ALERT).toList();
  }

  List<PolicyDecision> decisionsOf(String pack, String operationId) {
    return decisions(pack).stream().filter(d -> d.getOperationId().equals(operationId)).toList();
  }

  List<ApprovalRequest> approvalRequests(String pack) {
    drainAll();
    return List.copyOf(approvals.getOrDefault(pack, List.of()));
  }

  List<AuditRecord> audit(String pack) {
    drainAll();
    return List.copyOf(audit.getOrDefault(pack, List.of()));
  }

  AuditRecord auditRecord(String pack, long sequence) {
    return audit(pack).stream()
        .filter(r -> r.getSequence() == sequence)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no audit record " + sequence + " of " + pack));
  }

  /**
   * Checkpoints written so far to the pack's checkpoints topic (read once: the topic is drained).
   */
  List<Checkpoint> checkpoints(String pack) {
    drainAll();
    return checkpointTopics.get(pack).readValuesToList();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    drainAll();
    return List.copyOf(deadLetters);
  }

  /** Verifies the whole chain of a pack read so far with the audit library's verifier. */
  VerificationResult verifyChain(String pack) {
    return ChainVerifier.fromGenesis()
        .expectingPack(pack)
        .acceptAll(audit(pack).iterator())
        .result();
  }

  Optional<DeploymentState> deployment(String pack, String deploymentId) {
    KeyValueStore<String, DeploymentState> store =
        driver.getKeyValueStore(PolicyStores.DEPLOYMENTS);
    return Optional.ofNullable(store.get(StoreKeys.of(pack, deploymentId)));
  }

  <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  /**
   * Everything in the policy stores, by store name: what their changelog topics hold, and so what a
   * task re-initialised elsewhere (after a rebalance, a restart) starts from.
   */
  Map<String, Map<String, Object>> policyState() {
    Map<String, Map<String, Object>> state = new LinkedHashMap<>();
    for (StoreBuilder<?> builder : PolicyStores.builders()) {
      Map<String, Object> entries = new LinkedHashMap<>();
      try (var all = driver.<String, Object>getKeyValueStore(builder.name()).all()) {
        all.forEachRemaining(kv -> entries.put(kv.key, kv.value));
      }
      state.put(builder.name(), entries);
    }
    return state;
  }

  /**
   * Loads {@code state} (from {@link #policyState()} of another harness) into the policy stores, as
   * Kafka Streams restores a task's stores from their changelogs before the task processes
   * anything. Call it before the first input or tick. ({@code TopologyTestDriver} deletes its state
   * folder on close, so a second driver cannot simply re-open the first one's RocksDB files.)
   */
  void restore(Map<String, Map<String, Object>> state) {
    state.forEach(
        (name, entries) -> {
          KeyValueStore<String, Object> store = driver.getKeyValueStore(name);
          entries.forEach(store::put);
        });
  }

  @Override
  public void close() {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // best effort: the folder is under the system temp dir
    }
  }

  /** Builds an {@link OperationRequested}. */
  final class OpBuilder {
    private final OperationRequested.Builder b;

    private OpBuilder(String pack, String operation, String deploymentId, String operationId) {
      b =
          OperationRequested.newBuilder()
              .setOperationId(operationId)
              .setPack(pack)
              .setOperation(operation)
              .setDeploymentId(deploymentId)
              .setAgentId("agent-" + deploymentId)
              .setActor(new Actor("alice", ActorType.HUMAN))
              .setEnvironment("production")
              .setRequestedAt(now)
              .setTargetReplicas(null)
              .setInstanceCount(null)
              .setResources(null)
              .setProof(null)
              .setJustification("test")
              .setTraceId(null)
              .setAgentSpec(null);
    }

    OpBuilder id(String id) {
      b.setOperationId(id);
      return this;
    }

    OpBuilder replicas(Integer replicas) {
      b.setTargetReplicas(replicas);
      return this;
    }

    OpBuilder instances(Integer count) {
      b.setInstanceCount(count);
      return this;
    }

    OpBuilder actor(String id, ActorType type) {
      b.setActor(new Actor(id, type));
      return this;
    }

    OpBuilder noActor() {
      b.setActor(null);
      return this;
    }

    OpBuilder resources(Integer cpu, Integer memory, Integer storage, Integer network) {
      b.setResources(new ResourceRequests(cpu, memory, storage, network));
      return this;
    }

    OpBuilder param(String key, String value) {
      Map<String, String> params =
          new HashMap<>(b.getParameters() == null ? Map.of() : b.getParameters());
      params.put(key, value);
      b.setParameters(params);
      return this;
    }

    OpBuilder spec(String name, String version, long attention, int coupling) {
      b.setAgentSpec(new AgentSpecSummary(name, version, attention, coupling));
      return this;
    }

    OpBuilder pack(String pack) {
      b.setPack(pack);
      return this;
    }

    OperationRequested build() {
      return b.build();
    }
  }
}
