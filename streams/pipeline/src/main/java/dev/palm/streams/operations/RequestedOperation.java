package dev.palm.streams.operations;

import dev.palm.events.AgentSpecSummary;
import dev.palm.events.OperationRequested;
import dev.palm.events.ResourceRequests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An operation request as the policy sees it: the {@link OperationRequested} event without Avro
 * types, kept in the state stores while the operation is held or awaits approval.
 *
 * @param operationId idempotency key
 * @param pack pack named in the request
 * @param operation operation name
 * @param deploymentId target deployment
 * @param agentId agent concerned, if named
 * @param actor requester ({@link ActorRef#MISSING} when absent)
 * @param environment environment, if named
 * @param requestedAt requester's timestamp, epoch milliseconds
 * @param targetReplicas replicas after the operation, if set
 * @param instanceCount instances involved (to create, or the scale delta), if set
 * @param resources per-instance resource requests
 * @param parameters free parameters
 * @param justification requester's justification, if any
 * @param traceId tracing id, if any
 * @param agentSpec agent spec summary for validateAgentSpec, if any
 * @param inputProblems where the event broke the {@link InputBounds} (its fields are kept bounded);
 *     empty for a well-formed request
 * @param proofKeyId the id of the key whose accountability proof of the request was verified, if
 *     one was (docs/audit-format.md §8)
 */
public record RequestedOperation(
    String operationId,
    String pack,
    String operation,
    String deploymentId,
    Optional<String> agentId,
    ActorRef actor,
    Optional<String> environment,
    long requestedAt,
    Optional<Integer> targetReplicas,
    Optional<Integer> instanceCount,
    Resources resources,
    Map<String, String> parameters,
    Optional<String> justification,
    Optional<String> traceId,
    Optional<AgentSpecRef> agentSpec,
    List<String> inputProblems,
    Optional<String> proofKeyId) {

  public RequestedOperation {
    operationId = Objects.requireNonNullElse(operationId, "");
    pack = Objects.requireNonNullElse(pack, "");
    operation = Objects.requireNonNullElse(operation, "");
    deploymentId = Objects.requireNonNullElse(deploymentId, "");
    agentId = Objects.requireNonNullElse(agentId, Optional.empty());
    actor = Objects.requireNonNullElse(actor, ActorRef.MISSING);
    environment = Objects.requireNonNullElse(environment, Optional.empty());
    targetReplicas = Objects.requireNonNullElse(targetReplicas, Optional.empty());
    instanceCount = Objects.requireNonNullElse(instanceCount, Optional.empty());
    resources = Objects.requireNonNullElse(resources, Resources.NONE);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    justification = Objects.requireNonNullElse(justification, Optional.empty());
    traceId = Objects.requireNonNullElse(traceId, Optional.empty());
    agentSpec = Objects.requireNonNullElse(agentSpec, Optional.empty());
    inputProblems = inputProblems == null ? List.of() : List.copyOf(inputProblems);
    proofKeyId = Objects.requireNonNullElse(proofKeyId, Optional.empty());
  }

  /** This request with its proof verified under key {@code keyId}. */
  public RequestedOperation withProofKey(String keyId) {
    return new RequestedOperation(
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
        justification,
        traceId,
        agentSpec,
        inputProblems,
        Optional.of(keyId));
  }

  /**
   * Per-instance resource requests; an empty field means the pack's {@code resources.defaults}.
   *
   * @param cpuMillicores CPU in millicores
   * @param memoryMb memory in MiB
   * @param storageMb storage in MiB
   * @param networkKbps network in kbit/s
   */
  public record Resources(
      Optional<Integer> cpuMillicores,
      Optional<Integer> memoryMb,
      Optional<Integer> storageMb,
      Optional<Integer> networkKbps) {

    /** No requests: every resource at the pack's default. */
    public static final Resources NONE =
        new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Resources {
      cpuMillicores = Objects.requireNonNullElse(cpuMillicores, Optional.empty());
      memoryMb = Objects.requireNonNullElse(memoryMb, Optional.empty());
      storageMb = Objects.requireNonNullElse(storageMb, Optional.empty());
      networkKbps = Objects.requireNonNullElse(networkKbps, Optional.empty());
    }
  }

  /**
   * The parts of an agent spec the pack's {@code validateAgentSpec} inspects.
   *
   * @param name agent name
   * @param version semantic version text
   * @param attentionBudget attention budget
   * @param couplingSlots coupling slots
   */
  public record AgentSpecRef(
      String name, String version, long attentionBudget, int couplingSlots) {}

  /** Converts the Avro event. */
  public static RequestedOperation from(OperationRequested event) {
    ResourceRequests r = event.getResources();
    Resources resources =
        r == null
            ? Resources.NONE
            : new Resources(
                Optional.ofNullable(r.getCpuMillicores()),
                Optional.ofNullable(r.getMemoryMb()),
                Optional.ofNullable(r.getStorageMb()),
                Optional.ofNullable(r.getNetworkKbps()));
    AgentSpecSummary spec = event.getAgentSpec();
    // Bound every string at the edge: an input's state and audit records must stay small whatever
    // it contains (docs/decisions.md §1).
    InputBounds in = new InputBounds();
    Optional<AgentSpecRef> specRef =
        spec == null
            ? Optional.empty()
            : Optional.of(
                new AgentSpecRef(
                    in.id("agent_spec.name", spec.getName()),
                    in.id("agent_spec.version", spec.getVersion()),
                    spec.getAttentionBudget(),
                    spec.getCouplingSlots()));
    return new RequestedOperation(
        in.id("operation_id", event.getOperationId()),
        in.id("pack", event.getPack()),
        in.id("operation", event.getOperation()),
        in.id("deployment_id", event.getDeploymentId()),
        Optional.ofNullable(in.id("agent_id", event.getAgentId())),
        ActorRef.of(event.getActor()),
        Optional.ofNullable(in.id("environment", event.getEnvironment())),
        event.getRequestedAt() == null ? 0L : event.getRequestedAt().toEpochMilli(),
        Optional.ofNullable(event.getTargetReplicas()),
        Optional.ofNullable(event.getInstanceCount()),
        resources,
        in.parameters(event.getParameters()),
        Optional.ofNullable(in.text("justification", event.getJustification())),
        Optional.ofNullable(in.id("trace_id", event.getTraceId())),
        specRef,
        in.problems(),
        Optional.empty());
  }

  /**
   * A digest of what the operation asks for (everything but timestamps, tracing and proof), used to
   * tell an honest retry of an operation id from the reuse of that id for a different request.
   */
  public String fingerprint() {
    StringBuilder b = new StringBuilder();
    field(b, pack);
    field(b, operation);
    field(b, deploymentId);
    field(b, agentId.orElse(null));
    field(b, actor.id());
    field(b, actor.type());
    field(b, environment.orElse(null));
    field(b, targetReplicas.map(String::valueOf).orElse(null));
    field(b, instanceCount.map(String::valueOf).orElse(null));
    field(b, resources.cpuMillicores().map(String::valueOf).orElse(null));
    field(b, resources.memoryMb().map(String::valueOf).orElse(null));
    field(b, resources.storageMb().map(String::valueOf).orElse(null));
    field(b, resources.networkKbps().map(String::valueOf).orElse(null));
    new TreeMap<>(parameters)
        .forEach(
            (k, v) -> {
              field(b, k);
              field(b, v);
            });
    agentSpec.ifPresent(
        s -> {
          field(b, s.name());
          field(b, s.version());
          field(b, String.valueOf(s.attentionBudget()));
          field(b, String.valueOf(s.couplingSlots()));
        });
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static void field(StringBuilder b, String value) {
    // Length-prefixed so that no two different field lists produce the same text.
    if (value == null) {
      b.append("-1:");
    } else {
      b.append(value.length()).append(':').append(value);
    }
  }
}
