package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link EscalationLevel}; every field starts from the value it was created from. */
  public static final class Builder {
    private String name;
    private int level;
    private int triggerAfterFailures;
    private long triggerAfterSecs;
    private List<String> actions;
    private List<String> recipients;

    private Builder(EscalationLevel from) {
      this.name = from.name();
      this.level = from.level();
      this.triggerAfterFailures = from.triggerAfterFailures();
      this.triggerAfterSecs = from.triggerAfterSecs();
      this.actions = from.actions();
      this.recipients = from.recipients();
    }

    /** Sets {@code name}: the level's name, e.g. {@code L1}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code level}: the level number; 1 = lowest. */
    public Builder level(int level) {
      this.level = level;
      return this;
    }

    /** Sets {@code trigger_after_failures}: failures after which the level triggers. */
    public Builder triggerAfterFailures(int triggerAfterFailures) {
      this.triggerAfterFailures = triggerAfterFailures;
      return this;
    }

    /** Sets {@code trigger_after_secs}: seconds after which the level triggers. */
    public Builder triggerAfterSecs(long triggerAfterSecs) {
      this.triggerAfterSecs = triggerAfterSecs;
      return this;
    }

    /** Sets {@code actions}: actions taken, e.g. {@code notify}, {@code page}. */
    public Builder actions(List<String> actions) {
      this.actions = actions;
      return this;
    }

    /** Sets {@code recipients}: who is reached. */
    public Builder recipients(List<String> recipients) {
      this.recipients = recipients;
      return this;
    }

    /** Creates the record. */
    public EscalationLevel build() {
      return new EscalationLevel(
          name, level, triggerAfterFailures, triggerAfterSecs, actions, recipients);
    }
  }
}
