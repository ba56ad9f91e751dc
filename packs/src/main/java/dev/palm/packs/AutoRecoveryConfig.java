package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static AutoRecoveryConfigBuilder builder() {
    return AutoRecoveryConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public AutoRecoveryConfigBuilder toBuilder() {
    return AutoRecoveryConfigBuilder.builder(this);
  }
}
