package dev.palm.packs;

import java.util.Map;
import java.util.Optional;

/**
 * What a platform supports and its hard capacity limits.
 *
 * <p>Defaults follow docs/pack-contract.md §2.9; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param maxDeployments the most deployments; absent = unlimited (file: {@code max_deployments};
 *     default {@code Optional.empty()})
 * @param maxInstancesPerDeployment the most instances of one deployment; absent = unlimited (file:
 *     {@code max_instances_per_deployment}; default {@code Optional.empty()})
 * @param maxTotalInstances the most instances overall; absent = unlimited (file: {@code
 *     max_total_instances}; default {@code Optional.empty()})
 * @param supportsMigration live migration (file: {@code supports_migration}; default {@code false})
 * @param supportsHotReload hot reload (file: {@code supports_hot_reload}; default {@code false})
 * @param supportsCanary canary deployments (file: {@code supports_canary}; default {@code false})
 * @param supportsBlueGreen blue/green deployments (file: {@code supports_blue_green}; default
 *     {@code false})
 * @param supportsHumanApproval human approval (file: {@code supports_human_approval}; default
 *     {@code false})
 * @param supportsCheckpoints checkpoints (file: {@code supports_checkpoints}; default {@code
 *     false})
 * @param supportsCrossNodeMigration migration across nodes (file: {@code
 *     supports_cross_node_migration}; default {@code false})
 * @param custom JSON-like platform-specific capabilities (file: {@code custom}; default {@code
 *     Map.of()})
 */
public record PlatformCapabilities(
    Optional<Integer> maxDeployments,
    Optional<Integer> maxInstancesPerDeployment,
    Optional<Integer> maxTotalInstances,
    boolean supportsMigration,
    boolean supportsHotReload,
    boolean supportsCanary,
    boolean supportsBlueGreen,
    boolean supportsHumanApproval,
    boolean supportsCheckpoints,
    boolean supportsCrossNodeMigration,
    Map<String, Object> custom) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformCapabilities {
    maxDeployments =
        Values.unsignedOptional(maxDeployments, "PlatformCapabilities.max_deployments");
    maxInstancesPerDeployment =
        Values.unsignedOptional(
            maxInstancesPerDeployment, "PlatformCapabilities.max_instances_per_deployment");
    maxTotalInstances =
        Values.unsignedOptional(maxTotalInstances, "PlatformCapabilities.max_total_instances");
    custom = Values.jsonMap(custom, "PlatformCapabilities.custom");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.9). */
  public static PlatformCapabilities defaults() {
    return new PlatformCapabilities(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        Map.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link PlatformCapabilities}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private Optional<Integer> maxDeployments;
    private Optional<Integer> maxInstancesPerDeployment;
    private Optional<Integer> maxTotalInstances;
    private boolean supportsMigration;
    private boolean supportsHotReload;
    private boolean supportsCanary;
    private boolean supportsBlueGreen;
    private boolean supportsHumanApproval;
    private boolean supportsCheckpoints;
    private boolean supportsCrossNodeMigration;
    private Map<String, Object> custom;

    private Builder(PlatformCapabilities from) {
      this.maxDeployments = from.maxDeployments();
      this.maxInstancesPerDeployment = from.maxInstancesPerDeployment();
      this.maxTotalInstances = from.maxTotalInstances();
      this.supportsMigration = from.supportsMigration();
      this.supportsHotReload = from.supportsHotReload();
      this.supportsCanary = from.supportsCanary();
      this.supportsBlueGreen = from.supportsBlueGreen();
      this.supportsHumanApproval = from.supportsHumanApproval();
      this.supportsCheckpoints = from.supportsCheckpoints();
      this.supportsCrossNodeMigration = from.supportsCrossNodeMigration();
      this.custom = from.custom();
    }

    /** Sets {@code max_deployments}: the most deployments; absent = unlimited. */
    public Builder maxDeployments(Optional<Integer> maxDeployments) {
      this.maxDeployments = maxDeployments;
      return this;
    }

    /** Sets {@code max_deployments} to a present value. */
    public Builder maxDeployments(int maxDeployments) {
      this.maxDeployments = Optional.of(maxDeployments);
      return this;
    }

    /**
     * Sets {@code max_instances_per_deployment}: the most instances of one deployment; absent =
     * unlimited.
     */
    public Builder maxInstancesPerDeployment(Optional<Integer> maxInstancesPerDeployment) {
      this.maxInstancesPerDeployment = maxInstancesPerDeployment;
      return this;
    }

    /** Sets {@code max_instances_per_deployment} to a present value. */
    public Builder maxInstancesPerDeployment(int maxInstancesPerDeployment) {
      this.maxInstancesPerDeployment = Optional.of(maxInstancesPerDeployment);
      return this;
    }

    /** Sets {@code max_total_instances}: the most instances overall; absent = unlimited. */
    public Builder maxTotalInstances(Optional<Integer> maxTotalInstances) {
      this.maxTotalInstances = maxTotalInstances;
      return this;
    }

    /** Sets {@code max_total_instances} to a present value. */
    public Builder maxTotalInstances(int maxTotalInstances) {
      this.maxTotalInstances = Optional.of(maxTotalInstances);
      return this;
    }

    /** Sets {@code supports_migration}: live migration. */
    public Builder supportsMigration(boolean supportsMigration) {
      this.supportsMigration = supportsMigration;
      return this;
    }

    /** Sets {@code supports_hot_reload}: hot reload. */
    public Builder supportsHotReload(boolean supportsHotReload) {
      this.supportsHotReload = supportsHotReload;
      return this;
    }

    /** Sets {@code supports_canary}: canary deployments. */
    public Builder supportsCanary(boolean supportsCanary) {
      this.supportsCanary = supportsCanary;
      return this;
    }

    /** Sets {@code supports_blue_green}: blue/green deployments. */
    public Builder supportsBlueGreen(boolean supportsBlueGreen) {
      this.supportsBlueGreen = supportsBlueGreen;
      return this;
    }

    /** Sets {@code supports_human_approval}: human approval. */
    public Builder supportsHumanApproval(boolean supportsHumanApproval) {
      this.supportsHumanApproval = supportsHumanApproval;
      return this;
    }

    /** Sets {@code supports_checkpoints}: checkpoints. */
    public Builder supportsCheckpoints(boolean supportsCheckpoints) {
      this.supportsCheckpoints = supportsCheckpoints;
      return this;
    }

    /** Sets {@code supports_cross_node_migration}: migration across nodes. */
    public Builder supportsCrossNodeMigration(boolean supportsCrossNodeMigration) {
      this.supportsCrossNodeMigration = supportsCrossNodeMigration;
      return this;
    }

    /** Sets {@code custom}: JSON-like platform-specific capabilities. */
    public Builder custom(Map<String, Object> custom) {
      this.custom = custom;
      return this;
    }

    /** Creates the record. */
    public PlatformCapabilities build() {
      return new PlatformCapabilities(
          maxDeployments,
          maxInstancesPerDeployment,
          maxTotalInstances,
          supportsMigration,
          supportsHotReload,
          supportsCanary,
          supportsBlueGreen,
          supportsHumanApproval,
          supportsCheckpoints,
          supportsCrossNodeMigration,
          custom);
    }
  }
}
