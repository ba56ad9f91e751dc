package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static PlatformCapabilitiesBuilder builder() {
    return PlatformCapabilitiesBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformCapabilitiesBuilder toBuilder() {
    return PlatformCapabilitiesBuilder.builder(this);
  }
}
