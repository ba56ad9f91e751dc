package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link SafetyHoldsConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean enabled;
    private List<String> blockedOperations;
    private Optional<Long> autoReleaseAfterSecs;

    private Builder(SafetyHoldsConfig from) {
      this.enabled = from.enabled();
      this.blockedOperations = from.blockedOperations();
      this.autoReleaseAfterSecs = from.autoReleaseAfterSecs();
    }

    /** Sets {@code enabled}: whether safety holds are active. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code blocked_operations}: operations that are held. */
    public Builder blockedOperations(List<String> blockedOperations) {
      this.blockedOperations = blockedOperations;
      return this;
    }

    /**
     * Sets {@code auto_release_after_secs}: seconds after which a hold releases itself; absent =
     * manual release only.
     */
    public Builder autoReleaseAfterSecs(Optional<Long> autoReleaseAfterSecs) {
      this.autoReleaseAfterSecs = autoReleaseAfterSecs;
      return this;
    }

    /** Sets {@code auto_release_after_secs} to a present value. */
    public Builder autoReleaseAfterSecs(long autoReleaseAfterSecs) {
      this.autoReleaseAfterSecs = Optional.of(autoReleaseAfterSecs);
      return this;
    }

    /** Creates the record. */
    public SafetyHoldsConfig build() {
      return new SafetyHoldsConfig(enabled, blockedOperations, autoReleaseAfterSecs);
    }
  }
}
