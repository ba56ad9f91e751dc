package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Optional;

/**
 * The set of health probes of a pack.
 *
 * <p>Defaults follow docs/pack-contract.md §2.5; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param liveness the liveness probe (file: {@code liveness}; default {@code
 *     ProbeSettings.defaults()})
 * @param readiness the readiness probe (file: {@code readiness}; default {@code
 *     ProbeSettings.defaults()})
 * @param startup the startup probe; absent = none (file: {@code startup}; default {@code
 *     Optional.empty()})
 * @param custom additional named probes (file: {@code custom}; default {@code List.of()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record ProbeConfigs(
    ProbeSettings liveness,
    ProbeSettings readiness,
    Optional<ProbeSettings> startup,
    List<CustomProbeConfig> custom) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ProbeConfigs {
    liveness = liveness == null ? ProbeSettings.defaults() : liveness;
    readiness = readiness == null ? ProbeSettings.defaults() : readiness;
    startup = startup == null ? Optional.empty() : startup;
    custom = Values.list(custom, "ProbeConfigs.custom");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.5). */
  public static ProbeConfigs defaults() {
    return new ProbeConfigs(
        ProbeSettings.defaults(), ProbeSettings.defaults(), Optional.empty(), List.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static ProbeConfigsBuilder builder() {
    return ProbeConfigsBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public ProbeConfigsBuilder toBuilder() {
    return ProbeConfigsBuilder.builder(this);
  }
}
