package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;

/**
 * Placement rules: labels, anti-affinity and topology spread.
 *
 * <p>Defaults follow docs/pack-contract.md §2.7; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param requiredLabels labels a node must have (file: {@code required_labels}; default {@code
 *     Map.of()})
 * @param preferredLabels labels a node should have (file: {@code preferred_labels}; default {@code
 *     Map.of()})
 * @param antiAffinity workloads not to share a node with (file: {@code anti_affinity}; default
 *     {@code List.of()})
 * @param topologySpread how instances spread over a topology (file: {@code topology_spread};
 *     default {@code TopologySpread.defaults()})
 * @param zoneAware whether placement considers zones (file: {@code zone_aware}; default {@code
 *     false})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record AffinityConfig(
    Map<String, String> requiredLabels,
    Map<String, String> preferredLabels,
    List<String> antiAffinity,
    TopologySpread topologySpread,
    boolean zoneAware) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public AffinityConfig {
    requiredLabels = Values.stringMap(requiredLabels, "AffinityConfig.required_labels");
    preferredLabels = Values.stringMap(preferredLabels, "AffinityConfig.preferred_labels");
    antiAffinity = Values.list(antiAffinity, "AffinityConfig.anti_affinity");
    topologySpread = topologySpread == null ? TopologySpread.defaults() : topologySpread;
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.7). */
  public static AffinityConfig defaults() {
    return new AffinityConfig(Map.of(), Map.of(), List.of(), TopologySpread.defaults(), false);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static AffinityConfigBuilder builder() {
    return AffinityConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public AffinityConfigBuilder toBuilder() {
    return AffinityConfigBuilder.builder(this);
  }
}
