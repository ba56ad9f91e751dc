package dev.palm.packs;

import java.util.List;

/**
 * Automatic recovery: attempts, backoff and the ordered recovery actions.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param enabled whether failures are recovered automatically (file: {@code enabled}; default
 *     {@code true})
 * @param maxAttempts recovery attempts before giving up (file: {@code max_attempts}; default {@code
 *     3})
 * @param backoff delay between attempts (file: {@code backoff}; default {@code
 *     BackoffConfig.defaults()})
 * @param recoveryActions actions tried in {@code order}; default: one {@code restart} (file: {@code
 *     recovery_actions}; default {@code List.of(RecoveryAction.defaults())})
 * @param timeoutSecs seconds a recovery may take (file: {@code timeout_secs}; default {@code 300L})
 */
public record AutoRecoveryConfig(
    boolean enabled,
    int maxAttempts,
    BackoffConfig backoff,
    List<RecoveryAction> recoveryActions,
    long timeoutSecs) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public AutoRecoveryConfig {
    Values.unsigned(maxAttempts, "AutoRecoveryConfig.max_attempts");
    backoff = backoff == null ? BackoffConfig.defaults() : backoff;
    recoveryActions = Values.list(recoveryActions, "AutoRecoveryConfig.recovery_actions");
    Values.unsigned(timeoutSecs, "AutoRecoveryConfig.timeout_secs");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.8). */
  public static AutoRecoveryConfig defaults() {
    return new AutoRecoveryConfig(
        true, 3, BackoffConfig.defaults(), List.of(RecoveryAction.defaults()), 300L);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link AutoRecoveryConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean enabled;
    private int maxAttempts;
    private BackoffConfig backoff;
    private List<RecoveryAction> recoveryActions;
    private long timeoutSecs;

    private Builder(AutoRecoveryConfig from) {
      this.enabled = from.enabled();
      this.maxAttempts = from.maxAttempts();
      this.backoff = from.backoff();
      this.recoveryActions = from.recoveryActions();
      this.timeoutSecs = from.timeoutSecs();
    }

    /** Sets {@code enabled}: whether failures are recovered automatically. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code max_attempts}: recovery attempts before giving up. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Sets {@code backoff}: delay between attempts. */
    public Builder backoff(BackoffConfig backoff) {
      this.backoff = backoff;
      return this;
    }

    /**
     * Sets {@code recovery_actions}: actions tried in {@code order}; default: one {@code restart}.
     */
    public Builder recoveryActions(List<RecoveryAction> recoveryActions) {
      this.recoveryActions = recoveryActions;
      return this;
    }

    /** Sets {@code timeout_secs}: seconds a recovery may take. */
    public Builder timeoutSecs(long timeoutSecs) {
      this.timeoutSecs = timeoutSecs;
      return this;
    }

    /** Creates the record. */
    public AutoRecoveryConfig build() {
      return new AutoRecoveryConfig(enabled, maxAttempts, backoff, recoveryActions, timeoutSecs);
    }
  }
}
