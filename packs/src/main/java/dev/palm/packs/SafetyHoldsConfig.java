package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Optional;

/**
 * Which operations are held for a human release, and whether holds release themselves.
 *
 * <p>Defaults follow docs/pack-contract.md §2.4; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether safety holds are active (file: {@code enabled}; default {@code false})
 * @param blockedOperations operations that are held (file: {@code blocked_operations}; default
 *     {@code List.of()})
 * @param autoReleaseAfterSecs seconds after which a hold releases itself; absent = manual release
 *     only (file: {@code auto_release_after_secs}; default {@code Optional.empty()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record SafetyHoldsConfig(
    boolean enabled, List<String> blockedOperations, Optional<Long> autoReleaseAfterSecs) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public SafetyHoldsConfig {
    blockedOperations = Values.list(blockedOperations, "SafetyHoldsConfig.blocked_operations");
    autoReleaseAfterSecs =
        Values.unsignedOptional(autoReleaseAfterSecs, "SafetyHoldsConfig.auto_release_after_secs");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.4). */
  public static SafetyHoldsConfig defaults() {
    return new SafetyHoldsConfig(false, List.of(), Optional.empty());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static SafetyHoldsConfigBuilder builder() {
    return SafetyHoldsConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public SafetyHoldsConfigBuilder toBuilder() {
    return SafetyHoldsConfigBuilder.builder(this);
  }
}
