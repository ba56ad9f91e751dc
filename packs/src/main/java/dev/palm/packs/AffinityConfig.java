package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link AffinityConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private Map<String, String> requiredLabels;
    private Map<String, String> preferredLabels;
    private List<String> antiAffinity;
    private TopologySpread topologySpread;
    private boolean zoneAware;

    private Builder(AffinityConfig from) {
      this.requiredLabels = from.requiredLabels();
      this.preferredLabels = from.preferredLabels();
      this.antiAffinity = from.antiAffinity();
      this.topologySpread = from.topologySpread();
      this.zoneAware = from.zoneAware();
    }

    /** Sets {@code required_labels}: labels a node must have. */
    public Builder requiredLabels(Map<String, String> requiredLabels) {
      this.requiredLabels = requiredLabels;
      return this;
    }

    /** Sets {@code preferred_labels}: labels a node should have. */
    public Builder preferredLabels(Map<String, String> preferredLabels) {
      this.preferredLabels = preferredLabels;
      return this;
    }

    /** Sets {@code anti_affinity}: workloads not to share a node with. */
    public Builder antiAffinity(List<String> antiAffinity) {
      this.antiAffinity = antiAffinity;
      return this;
    }

    /** Sets {@code topology_spread}: how instances spread over a topology. */
    public Builder topologySpread(TopologySpread topologySpread) {
      this.topologySpread = topologySpread;
      return this;
    }

    /** Sets {@code zone_aware}: whether placement considers zones. */
    public Builder zoneAware(boolean zoneAware) {
      this.zoneAware = zoneAware;
      return this;
    }

    /** Creates the record. */
    public AffinityConfig build() {
      return new AffinityConfig(
          requiredLabels, preferredLabels, antiAffinity, topologySpread, zoneAware);
    }
  }
}
