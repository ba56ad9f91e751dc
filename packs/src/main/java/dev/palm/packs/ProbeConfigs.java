package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ProbeConfigs}; every field starts from the value it was created from. */
  public static final class Builder {
    private ProbeSettings liveness;
    private ProbeSettings readiness;
    private Optional<ProbeSettings> startup;
    private List<CustomProbeConfig> custom;

    private Builder(ProbeConfigs from) {
      this.liveness = from.liveness();
      this.readiness = from.readiness();
      this.startup = from.startup();
      this.custom = from.custom();
    }

    /** Sets {@code liveness}: the liveness probe. */
    public Builder liveness(ProbeSettings liveness) {
      this.liveness = liveness;
      return this;
    }

    /** Sets {@code readiness}: the readiness probe. */
    public Builder readiness(ProbeSettings readiness) {
      this.readiness = readiness;
      return this;
    }

    /** Sets {@code startup}: the startup probe; absent = none. */
    public Builder startup(Optional<ProbeSettings> startup) {
      this.startup = startup;
      return this;
    }

    /** Sets {@code startup}; {@code null} means absent. */
    public Builder startup(ProbeSettings startup) {
      this.startup = Optional.ofNullable(startup);
      return this;
    }

    /** Sets {@code custom}: additional named probes. */
    public Builder custom(List<CustomProbeConfig> custom) {
      this.custom = custom;
      return this;
    }

    /** Creates the record. */
    public ProbeConfigs build() {
      return new ProbeConfigs(liveness, readiness, startup, custom);
    }
  }
}
