package dev.palm.streams.deployments;

import dev.palm.packs.PlatformPack;
import dev.palm.packs.ResourceDefaults;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import java.util.Optional;

/**
 * Computes what an operation does to its deployment (docs/decisions.md, "Operations and deployment
 * state"): pure, from the operation, the deployment's current state and the pack's defaults.
 */
public final class DeploymentTransitions {

  /** Rule id of the state preconditions (exists / does not exist / direction). */
  public static final String RULE = "deployments.state";

  private DeploymentTransitions() {}

  /**
   * The effect of {@code op} on {@code current} under {@code pack}, or why it cannot apply.
   *
   * @param now epoch milliseconds recorded as the change time
   */
  public static TransitionResult compute(
      PlatformPack pack, RequestedOperation op, Optional<DeploymentState> current, long now) {
    Optional<OperationType> maybeType = OperationType.of(op.operation());
    Transition unchanged = new Transition(maybeType, current, current);
    if (maybeType.isEmpty()) {
      return new TransitionResult.Applies(unchanged);
    }
    OperationType type = maybeType.get();
    if (type == OperationType.CREATE_DEPLOYMENT) {
      if (current.isPresent()) {
        return reject(
            ReasonCodes.DEPLOYMENT_EXISTS,
            "deployment '"
                + op.deploymentId()
                + "' already exists with "
                + current.get().replicas()
                + " replicas; use update_deployment or"
                + " scale",
            unchanged);
      }
      return applies(type, current, Optional.of(created(pack, op, now)));
    }
    if (current.isEmpty()) {
      return reject(
          ReasonCodes.DEPLOYMENT_NOT_FOUND,
          op.operation()
              + " needs deployment '"
              + op.deploymentId()
              + "', which does not exist; create it first with create_deployment",
          unchanged);
    }
    DeploymentState cur = current.get();
    return switch (type) {
      case CREATE_DEPLOYMENT -> throw new IllegalStateException("handled above");
      case UPDATE_DEPLOYMENT ->
          applies(
              type,
              current,
              Optional.of(
                  changed(
                      cur,
                      op,
                      now,
                      op.targetReplicas().orElse(cur.replicas()),
                      cur.revision() + 1,
                      cur.node(),
                      true)));
      case SCALE -> {
        Optional<Integer> target = op.targetReplicas().or(op::instanceCount);
        if (target.isEmpty()) {
          yield reject(
              ReasonCodes.TARGET_REPLICAS_MISSING,
              "scale of deployment '"
                  + op.deploymentId()
                  + "' needs target_replicas (or instance_count)",
              unchanged);
        }
        yield applies(
            type,
            current,
            Optional.of(changed(cur, op, now, target.get(), cur.revision(), cur.node(), false)));
      }
      case SCALE_UP, SCALE_DOWN -> scaleByDirection(type, op, cur, now, unchanged);
      case DELETE_DEPLOYMENT, FORCE_TERMINATE -> applies(type, current, Optional.empty());
      case RESTART, FORCE_RESTART, FORCE_RECOVERY ->
          applies(
              type,
              current,
              Optional.of(
                  changed(cur, op, now, cur.replicas(), cur.revision(), cur.node(), false)));
      case MIGRATE -> {
        if (!pack.capabilities().supportsMigration()) {
          yield new TransitionResult.Rejected(
              new Finding(
                  "capabilities.supports_migration",
                  ReasonCodes.OPERATION_NOT_SUPPORTED,
                  "migrate is not supported by pack '"
                      + pack.metadata().name()
                      + "' (capabilities.supports_migration is false)"),
              unchanged);
        }
        Optional<String> node =
            Optional.ofNullable(op.parameters().get("target_node")).or(cur::node);
        yield applies(
            type,
            current,
            Optional.of(changed(cur, op, now, cur.replicas(), cur.revision(), node, false)));
      }
      case ROLLBACK -> {
        long target = Math.max(1, cur.revision() - 1);
        String requested = op.parameters().get("revision");
        if (requested != null) {
          try {
            target = Long.parseLong(requested.strip());
          } catch (NumberFormatException e) {
            yield reject(
                ReasonCodes.INVALID_REQUEST,
                "rollback parameter revision='" + requested + "' is not a number",
                unchanged);
          }
          if (target < 1 || target >= cur.revision()) {
            yield reject(
                ReasonCodes.INVALID_REQUEST,
                "rollback of deployment '"
                    + op.deploymentId()
                    + "' to revision "
                    + target
                    + " is impossible: current revision is "
                    + cur.revision()
                    + "; give an earlier revision",
                unchanged);
          }
        }
        yield applies(
            type,
            current,
            Optional.of(changed(cur, op, now, cur.replicas(), target, cur.node(), false)));
      }
    };
  }

  private static TransitionResult scaleByDirection(
      OperationType type,
      RequestedOperation op,
      DeploymentState cur,
      long now,
      Transition unchanged) {
    boolean up = type == OperationType.SCALE_UP;
    int target;
    if (op.targetReplicas().isPresent()) {
      target = op.targetReplicas().get();
    } else if (op.instanceCount().isPresent()) {
      target =
          up
              ? cur.replicas() + op.instanceCount().get()
              : cur.replicas() - op.instanceCount().get();
    } else {
      return reject(
          ReasonCodes.TARGET_REPLICAS_MISSING,
          op.operation()
              + " of deployment '"
              + op.deploymentId()
              + "' needs target_replicas or instance_count (the replica delta)",
          unchanged);
    }
    if (up ? target < cur.replicas() : (target > cur.replicas() || target < 0)) {
      return reject(
          ReasonCodes.INVALID_SCALE_DIRECTION,
          op.operation()
              + " of deployment '"
              + op.deploymentId()
              + "' from "
              + cur.replicas()
              + " to "
              + target
              + " replicas goes the wrong way"
              + (target < 0 ? " (below zero)" : "")
              + "; use "
              + (up ? "scale_down" : "scale_up")
              + " or scale",
          unchanged);
    }
    return applies(
        type,
        Optional.of(cur),
        Optional.of(changed(cur, op, now, target, cur.revision(), cur.node(), false)));
  }

  private static DeploymentState created(PlatformPack pack, RequestedOperation op, long now) {
    ResourceDefaults d = pack.resourceConfig().defaults();
    int replicas =
        op.targetReplicas()
            .or(op::instanceCount)
            .orElse(pack.resourceConfig().scaling().minInstances());
    RequestedOperation.Resources r = op.resources();
    return new DeploymentState(
        op.deploymentId(),
        op.agentId(),
        replicas,
        r.cpuMillicores().orElse(d.cpuMillicores()),
        r.memoryMb().orElse(d.memoryMb()),
        r.storageMb().orElse(d.storageMb()),
        r.networkKbps().orElse(d.networkKbps()),
        1,
        1,
        Optional.empty(),
        now,
        now,
        op.operationId(),
        op.operation());
  }

  private static DeploymentState changed(
      DeploymentState cur,
      RequestedOperation op,
      long now,
      int replicas,
      long revision,
      Optional<String> node,
      boolean takesResources) {
    RequestedOperation.Resources r =
        takesResources ? op.resources() : RequestedOperation.Resources.NONE;
    return new DeploymentState(
        cur.deploymentId(),
        op.agentId().or(cur::agentId),
        replicas,
        r.cpuMillicores().orElse(cur.cpuMillicores()),
        r.memoryMb().orElse(cur.memoryMb()),
        r.storageMb().orElse(cur.storageMb()),
        r.networkKbps().orElse(cur.networkKbps()),
        revision,
        cur.generation() + 1,
        node,
        cur.createdAt(),
        now,
        op.operationId(),
        op.operation());
  }

  private static TransitionResult applies(
      OperationType type, Optional<DeploymentState> before, Optional<DeploymentState> after) {
    return new TransitionResult.Applies(new Transition(Optional.of(type), before, after));
  }

  private static TransitionResult reject(String code, String message, Transition unchanged) {
    return new TransitionResult.Rejected(new Finding(RULE, code, message), unchanged);
  }
}
