package dev.palm.streams.deployments;

import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline knows about one deployment of a pack, changed only by ALLOWED operations; value
 * of the {@code palm-deployments} store.
 *
 * @param deploymentId deployment id
 * @param agentId agent it runs, if known
 * @param replicas current replica count
 * @param cpuMillicores CPU per instance
 * @param memoryMb memory per instance
 * @param storageMb storage per instance
 * @param networkKbps network per instance
 * @param revision revision, 1 at creation, +1 per update, lowered by rollback
 * @param generation number of allowed operations applied
 * @param node node it was migrated to, if any
 * @param createdAt when it was created (epoch ms)
 * @param updatedAt when it last changed (epoch ms)
 * @param lastOperationId operation id of the last allowed operation
 * @param lastOperation name of the last allowed operation
 */
public record DeploymentState(
    String deploymentId,
    Optional<String> agentId,
    int replicas,
    int cpuMillicores,
    int memoryMb,
    int storageMb,
    int networkKbps,
    long revision,
    long generation,
    Optional<String> node,
    long createdAt,
    long updatedAt,
    String lastOperationId,
    String lastOperation) {

  public DeploymentState {
    Objects.requireNonNull(deploymentId, "deploymentId");
    agentId = Objects.requireNonNullElse(agentId, Optional.empty());
    node = Objects.requireNonNullElse(node, Optional.empty());
    Objects.requireNonNull(lastOperationId, "lastOperationId");
    Objects.requireNonNull(lastOperation, "lastOperation");
  }

  /** Total CPU of all replicas. */
  public long totalCpu() {
    return (long) replicas * cpuMillicores;
  }

  /** Total memory of all replicas. */
  public long totalMemory() {
    return (long) replicas * memoryMb;
  }

  /** One-line description for audit details. */
  public String describe() {
    return "replicas="
        + replicas
        + " revision="
        + revision
        + " cpu="
        + cpuMillicores
        + "m memory="
        + memoryMb
        + "MiB storage="
        + storageMb
        + "MiB network="
        + networkKbps
        + "kbps"
        + node.map(n -> " node=" + n).orElse("");
  }
}
