package dev.palm.packs;

import java.util.List;

/**
 * Escalation of failures (and pending approvals) to humans through levels and channels.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether escalation is active (file: {@code enabled}; default {@code false})
 * @param levels escalation levels, lowest first (file: {@code levels}; default {@code List.of()})
 * @param channels where notifications go (file: {@code channels}; default {@code List.of()})
 */
public record EscalationConfig(
    boolean enabled, List<EscalationLevel> levels, List<NotificationChannel> channels) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public EscalationConfig {
    levels = Values.list(levels, "EscalationConfig.levels");
    channels = Values.list(channels, "EscalationConfig.channels");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.8). */
  public static EscalationConfig defaults() {
    return new EscalationConfig(false, List.of(), List.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link EscalationConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean enabled;
    private List<EscalationLevel> levels;
    private List<NotificationChannel> channels;

    private Builder(EscalationConfig from) {
      this.enabled = from.enabled();
      this.levels = from.levels();
      this.channels = from.channels();
    }

    /** Sets {@code enabled}: whether escalation is active. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code levels}: escalation levels, lowest first. */
    public Builder levels(List<EscalationLevel> levels) {
      this.levels = levels;
      return this;
    }

    /** Sets {@code channels}: where notifications go. */
    public Builder channels(List<NotificationChannel> channels) {
      this.channels = channels;
      return this;
    }

    /** Creates the record. */
    public EscalationConfig build() {
      return new EscalationConfig(enabled, levels, channels);
    }
  }
}
