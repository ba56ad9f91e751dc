package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static EscalationConfigBuilder builder() {
    return EscalationConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public EscalationConfigBuilder toBuilder() {
    return EscalationConfigBuilder.builder(this);
  }
}
