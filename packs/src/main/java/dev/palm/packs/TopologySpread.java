package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;

/**
 * How instances spread over a topology domain (zone, rack, ...).
 *
 * <p>Defaults follow docs/pack-contract.md §2.7; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether spreading is enforced (file: {@code enabled}; default {@code false})
 * @param maxSkew the largest allowed difference of instance counts between domains (file: {@code
 *     max_skew}; default {@code 0})
 * @param topologyKey the node label naming the domain, e.g. {@code zone} (file: {@code
 *     topology_key}; default {@code ""})
 * @param whenUnsatisfied what to do when the spread cannot be met (file: {@code when_unsatisfied};
 *     default {@code TopologyPolicy.DO_NOT_SCHEDULE})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record TopologySpread(
    boolean enabled, int maxSkew, String topologyKey, TopologyPolicy whenUnsatisfied) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public TopologySpread {
    Values.unsigned(maxSkew, "TopologySpread.max_skew");
    Objects.requireNonNull(topologyKey, "TopologySpread.topology_key" + " must not be null");
    Objects.requireNonNull(
        whenUnsatisfied, "TopologySpread.when_unsatisfied" + " must not be null");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.7). */
  public static TopologySpread defaults() {
    return new TopologySpread(false, 0, "", TopologyPolicy.DO_NOT_SCHEDULE);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static TopologySpreadBuilder builder() {
    return TopologySpreadBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public TopologySpreadBuilder toBuilder() {
    return TopologySpreadBuilder.builder(this);
  }
}
