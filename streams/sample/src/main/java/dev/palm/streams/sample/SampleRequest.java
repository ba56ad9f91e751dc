package dev.palm.streams.sample;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.AgentSpecSummary;
import dev.palm.events.OperationRequested;
import dev.palm.events.ResourceRequests;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An operation of the sample workload as the workload planner sees it, before it becomes an {@link
 * OperationRequested} event.
 *
 * @param operationId operation id (the idempotency key)
 * @param pack pack named in the request (normally the record key)
 * @param operation operation name
 * @param deploymentId target deployment (empty to exercise the validity rule)
 * @param targetReplicas replicas after the operation, if set
 * @param resources per-instance resources requested
 * @param actor requester; empty to exercise the validity rule
 * @param agentSpecVersion version of an attached agent spec, if one is attached
 * @param justification why the requester asks
 */
record SampleRequest(
    String operationId,
    String pack,
    String operation,
    String deploymentId,
    Optional<Integer> targetReplicas,
    Resources resources,
    Optional<Requester> actor,
    Optional<String> agentSpecVersion,
    String justification) {

  SampleRequest {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(targetReplicas, "targetReplicas");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(agentSpecVersion, "agentSpecVersion");
    Objects.requireNonNull(justification, "justification");
  }

  /**
   * Per-instance resources; every field is set so that the outcome never depends on a pack's
   * defaults.
   *
   * @param cpuMillicores CPU
   * @param memoryMb memory
   * @param storageMb storage
   * @param networkKbps network
   */
  record Resources(int cpuMillicores, int memoryMb, int storageMb, int networkKbps) {
    /** Modest resources that fit every canonical pack many times over. */
    static final Resources SMALL = new Resources(100, 256, 512, 1000);

    /** The least one can ask for; used where many instances must fit the pack-wide totals. */
    static final Resources TINY = new Resources(1, 1, 1, 1);

    Resources withCpu(int cpu) {
      return new Resources(cpu, memoryMb, storageMb, networkKbps);
    }
  }

  /**
   * Who asks.
   *
   * @param id actor id
   * @param human whether the actor is a human (otherwise an agent)
   */
  record Requester(String id, boolean human) {}

  SampleRequest withId(String id) {
    return new SampleRequest(
        id,
        pack,
        operation,
        deploymentId,
        targetReplicas,
        resources,
        actor,
        agentSpecVersion,
        justification);
  }

  SampleRequest withDeployment(String deployment) {
    return new SampleRequest(
        operationId,
        pack,
        operation,
        deployment,
        targetReplicas,
        resources,
        actor,
        agentSpecVersion,
        justification);
  }

  /** The Avro event, stamped {@code requestedAt}. */
  OperationRequested toAvro(Instant requestedAt) {
    return OperationRequested.newBuilder()
        .setOperationId(operationId)
        .setPack(pack)
        .setOperation(operation)
        .setDeploymentId(deploymentId)
        .setAgentId(actor.filter(a -> !a.human()).map(Requester::id).orElse(null))
        .setActor(
            actor
                .map(
                    a ->
                        Actor.newBuilder()
                            .setId(a.id())
                            .setType(a.human() ? ActorType.HUMAN : ActorType.AGENT)
                            .build())
                .orElse(null))
        .setEnvironment("sample")
        .setRequestedAt(requestedAt)
        .setTargetReplicas(targetReplicas.orElse(null))
        .setInstanceCount(null)
        .setResources(
            ResourceRequests.newBuilder()
                .setCpuMillicores(resources.cpuMillicores())
                .setMemoryMb(resources.memoryMb())
                .setStorageMb(resources.storageMb())
                .setNetworkKbps(resources.networkKbps())
                .build())
        .setParameters(Map.of())
        .setProof(null)
        .setJustification(justification)
        .setTraceId("palm-sample-" + operationId)
        .setAgentSpec(
            agentSpecVersion
                .map(
                    v ->
                        AgentSpecSummary.newBuilder()
                            .setName("sample-agent-spec")
                            .setVersion(v)
                            .setAttentionBudget(100)
                            .setCouplingSlots(1)
                            .build())
                .orElse(null))
        .build();
  }
}
