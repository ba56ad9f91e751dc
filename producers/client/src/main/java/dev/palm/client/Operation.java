package dev.palm.client;

import dev.palm.events.AccountabilityProof;
import dev.palm.events.ActorType;
import dev.palm.events.AgentSpecSummary;
import dev.palm.events.OperationRequested;
import dev.palm.events.ResourceRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An operation a platform asks PALM to decide on, built without touching Avro: {@code
 * Operation.builder("ibank", "delete_deployment").deploymentId("d-1").actor("alice",
 * ActorType.HUMAN).build()}. The builder fills the operation id (a random UUID) and the requested
 * time (now) when they are not given.
 *
 * @param operationId idempotency key: a repeated id is answered with the first decision
 * @param pack name of the pack whose policy applies
 * @param operation operation name, e.g. {@code scale} or {@code delete_deployment}
 * @param deploymentId deployment the operation targets
 * @param agentId agent the deployment runs
 * @param actor who requests the operation (an operation without one is denied)
 * @param environment environment of the deployment, e.g. {@code production}
 * @param requestedAt when the requester issued the operation (millisecond precision)
 * @param targetReplicas replica count after the operation
 * @param instanceCount instances involved when no absolute count is set
 * @param resources per-instance resource requests
 * @param parameters free parameters, recorded but not interpreted by the policy
 * @param proof accountability proof (signature by the actor's registered key)
 * @param justification why the requester wants it, shown to approvers
 * @param traceId distributed-tracing id
 * @param agentSpec the agent specification summary the pack validates
 */
public record Operation(
    String operationId,
    String pack,
    String operation,
    String deploymentId,
    Optional<String> agentId,
    Optional<Identity> actor,
    Optional<String> environment,
    Instant requestedAt,
    Optional<Integer> targetReplicas,
    Optional<Integer> instanceCount,
    Optional<Resources> resources,
    Map<String, String> parameters,
    Optional<Proof> proof,
    Optional<String> justification,
    Optional<String> traceId,
    Optional<AgentSpec> agentSpec) {

  public Operation {
    requireText(operationId, "operation id");
    requireText(pack, "pack");
    requireText(operation, "operation name");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(targetReplicas, "targetReplicas");
    Objects.requireNonNull(instanceCount, "instanceCount");
    Objects.requireNonNull(resources, "resources");
    parameters = Map.copyOf(parameters);
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentSpec, "agentSpec");
    requestedAt = requestedAt.truncatedTo(ChronoUnit.MILLIS); // what the Avro timestamp keeps
  }

  /** A builder for an operation of {@code pack} named {@code operationName}. */
  public static Builder builder(String pack, String operationName) {
    return new Builder(pack, operationName);
  }

  /**
   * This operation with its accountability proof: {@code key}'s signature, made at {@code at}, over
   * the operation's canonical digest (docs/audit-format.md §8). Sign last: any later change
   * invalidates the proof.
   */
  public Operation signedWith(SigningKey key, Instant at) {
    AccountabilityProof p = key.sign(toAvro(), at);
    return new Operation(
        operationId,
        pack,
        operation,
        deploymentId,
        agentId,
        actor,
        environment,
        requestedAt,
        targetReplicas,
        instanceCount,
        resources,
        parameters,
        Optional.of(new Proof(p.getKeyId(), p.getAlgorithm(), p.getSignature(), p.getSignedAt())),
        justification,
        traceId,
        agentSpec);
  }

  /** The Avro event published to {@code palm.operations}. */
  public OperationRequested toAvro() {
    return OperationRequested.newBuilder()
        .setOperationId(operationId)
        .setPack(pack)
        .setOperation(operation)
        .setDeploymentId(deploymentId)
        .setAgentId(agentId.orElse(null))
        .setActor(actor.map(Identity::toAvro).orElse(null))
        .setEnvironment(environment.orElse(null))
        .setRequestedAt(requestedAt)
        .setTargetReplicas(targetReplicas.orElse(null))
        .setInstanceCount(instanceCount.orElse(null))
        .setResources(resources.map(Resources::toAvro).orElse(null))
        .setParameters(new LinkedHashMap<>(new TreeMap<>(parameters)))
        .setProof(proof.map(Proof::toAvro).orElse(null))
        .setJustification(justification.orElse(null))
        .setTraceId(traceId.orElse(null))
        .setAgentSpec(agentSpec.map(AgentSpec::toAvro).orElse(null))
        .build();
  }

  private static void requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("The " + what + " of an operation must not be blank");
    }
  }

  /**
   * Per-instance resource requests; an empty value means "the pack's default".
   *
   * @param cpuMillicores CPU per instance in millicores
   * @param memoryMb memory per instance in MiB
   * @param storageMb storage per instance in MiB
   * @param networkKbps network bandwidth per instance in kbit/s
   */
  public record Resources(
      Optional<Integer> cpuMillicores,
      Optional<Integer> memoryMb,
      Optional<Integer> storageMb,
      Optional<Integer> networkKbps) {

    public Resources {
      Objects.requireNonNull(cpuMillicores, "cpuMillicores");
      Objects.requireNonNull(memoryMb, "memoryMb");
      Objects.requireNonNull(storageMb, "storageMb");
      Objects.requireNonNull(networkKbps, "networkKbps");
      requireNonNegative(cpuMillicores, "cpu millicores");
      requireNonNegative(memoryMb, "memory MiB");
      requireNonNegative(storageMb, "storage MiB");
      requireNonNegative(networkKbps, "network kbit/s");
    }

    /** No explicit request: every resource takes the pack's default. */
    public static Resources defaults() {
      return new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A copy requesting {@code millicores} of CPU per instance. */
    public Resources withCpuMillicores(int millicores) {
      return new Resources(Optional.of(millicores), memoryMb, storageMb, networkKbps);
    }

    /** A copy requesting {@code mb} MiB of memory per instance. */
    public Resources withMemoryMb(int mb) {
      return new Resources(cpuMillicores, Optional.of(mb), storageMb, networkKbps);
    }

    /** A copy requesting {@code mb} MiB of storage per instance. */
    public Resources withStorageMb(int mb) {
      return new Resources(cpuMillicores, memoryMb, Optional.of(mb), networkKbps);
    }

    /** A copy requesting {@code kbps} kbit/s of network bandwidth per instance. */
    public Resources withNetworkKbps(int kbps) {
      return new Resources(cpuMillicores, memoryMb, storageMb, Optional.of(kbps));
    }

    /** Whether no resource is requested explicitly. */
    public boolean isEmpty() {
      return cpuMillicores.isEmpty()
          && memoryMb.isEmpty()
          && storageMb.isEmpty()
          && networkKbps.isEmpty();
    }

    ResourceRequests toAvro() {
      return new ResourceRequests(
          cpuMillicores.orElse(null),
          memoryMb.orElse(null),
          storageMb.orElse(null),
          networkKbps.orElse(null));
    }

    private static void requireNonNegative(Optional<Integer> value, String what) {
      if (value.isPresent() && value.get() < 0) {
        throw new IllegalArgumentException(
            "The requested " + what + " must not be negative, got " + value.get());
      }
    }
  }

  /**
   * An accountability proof: the actor's signature over the operation's canonical digest.
   *
   * @param keyId id of a key registered for the actor (pipeline keyring or the pack's {@code
   *     actor_keys})
   * @param algorithm signature algorithm, e.g. {@code ed25519}
   * @param signature base64 signature
   * @param signedAt when the actor signed
   */
  public record Proof(String keyId, String algorithm, String signature, Instant signedAt) {

    public Proof {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(signedAt, "signedAt");
      signedAt = signedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    AccountabilityProof toAvro() {
      return new AccountabilityProof(keyId, algorithm, signature, signedAt);
    }
  }

  /**
   * The parts of an agent specification that the pack's {@code validateAgentSpec} inspects.
   *
   * @param name agent name
   * @param version agent version (semantic version)
   * @param attentionBudget attention budget
   * @param couplingSlots coupling slots
   */
  public record AgentSpec(String name, String version, long attentionBudget, int couplingSlots) {

    public AgentSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
    }

    AgentSpecSummary toAvro() {
      return new AgentSpecSummary(name, version, attentionBudget, couplingSlots);
    }
  }

  /** Builds an {@link Operation}; every setter returns the builder. */
  public static final class Builder {
    private final String pack;
    private final String operation;
    private String operationId;
    private String deploymentId = "";
    private String agentId;
    private Identity actor;
    private String environment;
    private Instant requestedAt;
    private Integer targetReplicas;
    private Integer instanceCount;
    private Resources resources;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private Proof proof;
    private String justification;
    private String traceId;
    private AgentSpec agentSpec;
    private Clock clock = Clock.systemUTC();

    private Builder(String pack, String operation) {
      this.pack = Objects.requireNonNull(pack, "pack");
      this.operation = Objects.requireNonNull(operation, "operationName");
    }

    /** The idempotency key; a random UUID when not set. */
    public Builder operationId(String operationId) {
      this.operationId = operationId;
      return this;
    }

    /** The deployment the operation targets. */
    public Builder deploymentId(String deploymentId) {
      this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
      return this;
    }

    /** The agent the deployment runs. */
    public Builder agentId(String agentId) {
      this.agentId = agentId;
      return this;
    }

    /** The requesting actor. */
    public Builder actor(String id, ActorType type) {
      this.actor = new Identity(id, type);
      return this;
    }

    /** The requesting actor, with the type as text ({@code human}, {@code agent}, ...). */
    public Builder actor(String id, String type) {
      this.actor = Identity.of(id, type);
      return this;
    }

    /** The requesting actor. */
    public Builder actor(Identity actor) {
      this.actor = actor;
      return this;
    }

    /** The environment of the deployment, e.g. {@code production}. */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** When the requester issued the operation; now when not set. */
    public Builder requestedAt(Instant requestedAt) {
      this.requestedAt = requestedAt;
      return this;
    }

    /** The replica count the deployment should have afterwards. */
    public Builder targetReplicas(int targetReplicas) {
      this.targetReplicas = targetReplicas;
      return this;
    }

    /**
     * The number of instances involved (instances to create, or the delta of scale_up/scale_down).
     */
    public Builder instanceCount(int instanceCount) {
      this.instanceCount = instanceCount;
      return this;
    }

    /** Per-instance resource requests. */
    public Builder resources(Resources resources) {
      this.resources = resources;
      return this;
    }

    /** Per-instance resource requests, all four at once. */
    public Builder resources(int cpuMillicores, int memoryMb, int storageMb, int networkKbps) {
      this.resources =
          new Resources(
              Optional.of(cpuMillicores),
              Optional.of(memoryMb),
              Optional.of(storageMb),
              Optional.of(networkKbps));
      return this;
    }

    /** One free parameter, e.g. {@code target_node} for migrate. */
    public Builder parameter(String key, String value) {
      parameters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Several free parameters. */
    public Builder parameters(Map<String, String> values) {
      values.forEach(this::parameter);
      return this;
    }

    /** The accountability proof. */
    public Builder proof(Proof proof) {
      this.proof = proof;
      return this;
    }

    /** Why the requester wants the operation. */
    public Builder justification(String justification) {
      this.justification = justification;
      return this;
    }

    /** The distributed-tracing id. */
    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    /** The agent specification summary the pack validates. */
    public Builder agentSpec(AgentSpec agentSpec) {
      this.agentSpec = agentSpec;
      return this;
    }

    /** The clock that fills {@code requestedAt} when it is not set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The operation, with id and requested time filled when absent. */
    public Operation build() {
      return new Operation(
          operationId == null ? UUID.randomUUID().toString() : operationId,
          pack,
          operation,
          deploymentId,
          Optional.ofNullable(agentId),
          Optional.ofNullable(actor),
          Optional.ofNullable(environment),
          requestedAt == null ? clock.instant() : requestedAt,
          Optional.ofNullable(targetReplicas),
          Optional.ofNullable(instanceCount),
          Optional.ofNullable(resources).filter(r -> !r.isEmpty()),
          parameters,
          Optional.ofNullable(proof),
          Optional.ofNullable(justification),
          Optional.ofNullable(traceId),
          Optional.ofNullable(agentSpec));
    }
  }
}
