package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link AccountabilityConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private boolean requireProof;
    private boolean requirePreAudit;
    private List<String> reconciliationRequired;

    private Builder(AccountabilityConfig from) {
      this.requireProof = from.requireProof();
      this.requirePreAudit = from.requirePreAudit();
      this.reconciliationRequired = from.reconciliationRequired();
    }

    /** Sets {@code require_proof}: whether operations must carry the actor's signature. */
    public Builder requireProof(boolean requireProof) {
      this.requireProof = requireProof;
      return this;
    }

    /** Sets {@code require_pre_audit}: whether an audit record is written before the decision. */
    public Builder requirePreAudit(boolean requirePreAudit) {
      this.requirePreAudit = requirePreAudit;
      return this;
    }

    /** Sets {@code reconciliation_required}: operations that require commitment reconciliation. */
    public Builder reconciliationRequired(List<String> reconciliationRequired) {
      this.reconciliationRequired = reconciliationRequired;
      return this;
    }

    /** Creates the record. */
    public AccountabilityConfig build() {
      return new AccountabilityConfig(requireProof, requirePreAudit, reconciliationRequired);
    }
  }
}
