package dev.palm.streams.deployments;

import dev.palm.streams.operations.RequestedOperation;

/**
 * Decides whether an operation falls under a pack rule that names an operation (blocked_operations,
 * always_required, threshold_required). Names match literally; in addition the replica-effect names
 * {@code scale}, {@code scale_up} and {@code scale_down} cover every operation on an existing
 * deployment that changes, raises or lowers its replica count (e.g. update_deployment with a new
 * target_replicas), so a rule on scaling cannot be sidestepped by spelling the scaling differently.
 */
public final class RuleMatcher {

  private RuleMatcher() {}

  /**
   * Whether the rule naming {@code ruleOperation} applies to {@code op} with effect {@code
   * transition}.
   */
  public static boolean matches(
      String ruleOperation, RequestedOperation op, Transition transition) {
    if (ruleOperation.equals(op.operation())) {
      return true;
    }
    return switch (ruleOperation) {
      case "scale" -> transition.rescales();
      case "scale_up" ->
          transition.rescales() && transition.replicasAfter() > transition.replicasBefore();
      case "scale_down" ->
          transition.rescales() && transition.replicasAfter() < transition.replicasBefore();
      default -> false;
    };
  }
}
