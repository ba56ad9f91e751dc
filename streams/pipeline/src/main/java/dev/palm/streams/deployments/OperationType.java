package dev.palm.streams.deployments;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operation names whose effect on deployment state the pipeline knows (docs/decisions.md).
 * Other names are still evaluated by holds, the rate limit and approval rules, but change no
 * deployment state.
 */
public enum OperationType {
  /**
   * Creates a deployment with target_replicas (or instance_count, or scaling.min_instances)
   * replicas.
   */
  CREATE_DEPLOYMENT("create_deployment"),
  /** New revision of an existing deployment; may change replicas and per-instance resources. */
  UPDATE_DEPLOYMENT("update_deployment"),
  /** Sets replicas to target_replicas (or instance_count). */
  SCALE("scale"),
  /** Raises replicas to target_replicas, or by instance_count. */
  SCALE_UP("scale_up"),
  /** Lowers replicas to target_replicas, or by instance_count. */
  SCALE_DOWN("scale_down"),
  /** Removes the deployment and its instances. */
  DELETE_DEPLOYMENT("delete_deployment"),
  /** Restarts the instances; replicas unchanged. */
  RESTART("restart"),
  /** Moves the deployment (parameter target_node); needs capabilities.supports_migration. */
  MIGRATE("migrate"),
  /** Returns to an earlier revision (parameter revision, default the previous one). */
  ROLLBACK("rollback"),
  /** Forces the recovery procedure; replicas unchanged. */
  FORCE_RECOVERY("force_recovery"),
  /** Restarts the instances without draining; replicas unchanged. */
  FORCE_RESTART("force_restart"),
  /** Kills the instances at once and removes the deployment. */
  FORCE_TERMINATE("force_terminate");

  private final String wireName;

  OperationType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in operation events and pack rules. */
  public String wireName() {
    return wireName;
  }

  /** The type of an operation name; empty for names the pipeline does not model. */
  public static Optional<OperationType> of(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** Whether the operation requires the deployment to exist. */
  public boolean requiresExisting() {
    return this != CREATE_DEPLOYMENT;
  }

  /** Whether an operation of this type removes the deployment. */
  public boolean removes() {
    return this == DELETE_DEPLOYMENT || this == FORCE_TERMINATE;
  }
}
