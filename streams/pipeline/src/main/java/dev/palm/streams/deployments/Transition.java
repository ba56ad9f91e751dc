package dev.palm.streams.deployments;

import java.util.Objects;
import java.util.Optional;

/**
 * The effect an operation would have on its deployment if allowed: the state before and after
 * (empty = the deployment does not exist). Operations the pipeline does not model have {@code
 * before == after}.
 *
 * @param type the modelled operation type, if any
 * @param before state now
 * @param after state after the operation
 */
public record Transition(
    Optional<OperationType> type,
    Optional<DeploymentState> before,
    Optional<DeploymentState> after) {

  public Transition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  /** Replicas before (0 when absent). */
  public int replicasBefore() {
    return before.map(DeploymentState::replicas).orElse(0);
  }

  /** Replicas after (0 when absent). */
  public int replicasAfter() {
    return after.map(DeploymentState::replicas).orElse(0);
  }

  /**
   * Whether the operation changes the replica count of a deployment that exists before and after.
   */
  public boolean rescales() {
    return before.isPresent() && after.isPresent() && replicasBefore() != replicasAfter();
  }

  /** Whether the deployment comes into existence. */
  public boolean creates() {
    return before.isEmpty() && after.isPresent();
  }

  /** Whether the deployment goes away. */
  public boolean removes() {
    return before.isPresent() && after.isEmpty();
  }

  /** Whether anything about the deployment changes. */
  public boolean changesState() {
    return !before.equals(after);
  }

  /**
   * The instance count approval thresholds compare against: replicas after the operation, or before
   * it when the operation removes the deployment.
   */
  public int instanceCount() {
    return after.isPresent() ? replicasAfter() : replicasBefore();
  }
}
