package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * What proof, pre-audit and reconciliation a pack demands of operations.
 *
 * <p>Defaults follow docs/pack-contract.md §2.4; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param requireProof whether operations must carry the actor's signature (file: {@code
 *     require_proof}; default {@code false})
 * @param requirePreAudit whether an audit record is written before the decision (file: {@code
 *     require_pre_audit}; default {@code false})
 * @param reconciliationRequired operations that require commitment reconciliation (file: {@code
 *     reconciliation_required}; default {@code List.of()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record AccountabilityConfig(
    boolean requireProof, boolean requirePreAudit, List<String> reconciliationRequired) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public AccountabilityConfig {
    reconciliationRequired =
        Values.list(reconciliationRequired, "AccountabilityConfig.reconciliation_required");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.4). */
  public static AccountabilityConfig defaults() {
    return new AccountabilityConfig(false, false, List.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static AccountabilityConfigBuilder builder() {
    return AccountabilityConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public AccountabilityConfigBuilder toBuilder() {
    return AccountabilityConfigBuilder.builder(this);
  }
}
