package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Objects;

/**
 * One escalation level: when it triggers, what it does and whom it reaches.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8 (the original has no defaults for this struct;
 * these are empty values); in a pack file the fields are spelled in snake_case.
 *
 * @param name the level's name, e.g. {@code L1} (file: {@code name}; default {@code ""})
 * @param level the level number; 1 = lowest (file: {@code level}; default {@code 1})
 * @param triggerAfterFailures failures after which the level triggers (file: {@code
 *     trigger_after_failures}; default {@code 0})
 * @param triggerAfterSecs seconds after which the level triggers (file: {@code trigger_after_secs};
 *     default {@code 0L})
 * @param actions actions taken, e.g. {@code notify}, {@code page} (file: {@code actions}; default
 *     {@code List.of()})
 * @param recipients who is reached (file: {@code recipients}; default {@code List.of()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record EscalationLevel(
    String name,
    int level,
    int triggerAfterFailures,
    long triggerAfterSecs,
    List<String> actions,
    List<String> recipients) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public EscalationLevel {
    Objects.requireNonNull(name, "EscalationLevel.name" + " must not be null");
    Values.unsigned(level, "EscalationLevel.level");
    Values.unsigned(triggerAfterFailures, "EscalationLevel.trigger_after_failures");
    Values.unsigned(triggerAfterSecs, "EscalationLevel.trigger_after_secs");
    actions = Values.list(actions, "EscalationLevel.actions");
    recipients = Values.list(recipients, "EscalationLevel.recipients");
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.8 (the original has no defaults for
   * this struct; these are empty values)).
   */
  public static EscalationLevel defaults() {
    return new EscalationLevel("", 1, 0, 0L, List.of(), List.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static EscalationLevelBuilder builder() {
    return EscalationLevelBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public EscalationLevelBuilder toBuilder() {
    return EscalationLevelBuilder.builder(this);
  }
}
