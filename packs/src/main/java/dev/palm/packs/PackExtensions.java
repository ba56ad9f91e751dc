package dev.palm.packs;

import java.util.List;
import java.util.Map;

/**
 * PALM's extensions beyond the original pack contract: who may approve and release, and actors'
 * keys.
 *
 * <p>Defaults follow packs-reference docs/architecture.md §4 and the brief; in a pack file the
 * fields are spelled in snake_case.
 *
 * @param approvers actor ids allowed to approve; empty = anyone but the requester (file: {@code
 *     approvers}; default {@code List.of()})
 * @param approvalsRequired distinct approvals an operation needs (file: {@code approvals_required};
 *     default {@code 1})
 * @param allowSelfApproval whether the requester may approve their own operation (file: {@code
 *     allow_self_approval}; default {@code false})
 * @param holdReleasers actor ids allowed to release holds; empty = the same rule as approvers
 *     (file: {@code hold_releasers}; default {@code List.of()})
 * @param reconciliationWindowSecs seconds within which an allowed commitment must be reconciled
 *     (file: {@code reconciliation_window_secs}; default {@code 3600L})
 * @param actorKeys actor id to Ed25519 public key (base64 of the X.509 SubjectPublicKeyInfo) (file:
 *     {@code actor_keys}; default {@code Map.of()})
 */
public record PackExtensions(
    List<String> approvers,
    int approvalsRequired,
    boolean allowSelfApproval,
    List<String> holdReleasers,
    long reconciliationWindowSecs,
    Map<String, String> actorKeys) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PackExtensions {
    approvers = Values.list(approvers, "PackExtensions.approvers");
    Values.unsigned(approvalsRequired, "PackExtensions.approvals_required");
    holdReleasers = Values.list(holdReleasers, "PackExtensions.hold_releasers");
    Values.unsigned(reconciliationWindowSecs, "PackExtensions.reconciliation_window_secs");
    actorKeys = Values.stringMap(actorKeys, "PackExtensions.actor_keys");
  }

  /** Returns the documented defaults (packs-reference docs/architecture.md §4 and the brief). */
  public static PackExtensions defaults() {
    return new PackExtensions(List.of(), 1, false, List.of(), 3600L, Map.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link PackExtensions}; every field starts from the value it was created from. */
  public static final class Builder {
    private List<String> approvers;
    private int approvalsRequired;
    private boolean allowSelfApproval;
    private List<String> holdReleasers;
    private long reconciliationWindowSecs;
    private Map<String, String> actorKeys;

    private Builder(PackExtensions from) {
      this.approvers = from.approvers();
      this.approvalsRequired = from.approvalsRequired();
      this.allowSelfApproval = from.allowSelfApproval();
      this.holdReleasers = from.holdReleasers();
      this.reconciliationWindowSecs = from.reconciliationWindowSecs();
      this.actorKeys = from.actorKeys();
    }

    /** Sets {@code approvers}: actor ids allowed to approve; empty = anyone but the requester. */
    public Builder approvers(List<String> approvers) {
      this.approvers = approvers;
      return this;
    }

    /** Sets {@code approvals_required}: distinct approvals an operation needs. */
    public Builder approvalsRequired(int approvalsRequired) {
      this.approvalsRequired = approvalsRequired;
      return this;
    }

    /** Sets {@code allow_self_approval}: whether the requester may approve their own operation. */
    public Builder allowSelfApproval(boolean allowSelfApproval) {
      this.allowSelfApproval = allowSelfApproval;
      return this;
    }

    /**
     * Sets {@code hold_releasers}: actor ids allowed to release holds; empty = the same rule as
     * approvers.
     */
    public Builder holdReleasers(List<String> holdReleasers) {
      this.holdReleasers = holdReleasers;
      return this;
    }

    /**
     * Sets {@code reconciliation_window_secs}: seconds within which an allowed commitment must be
     * reconciled.
     */
    public Builder reconciliationWindowSecs(long reconciliationWindowSecs) {
      this.reconciliationWindowSecs = reconciliationWindowSecs;
      return this;
    }

    /**
     * Sets {@code actor_keys}: actor id to Ed25519 public key (base64 of the X.509
     * SubjectPublicKeyInfo).
     */
    public Builder actorKeys(Map<String, String> actorKeys) {
      this.actorKeys = actorKeys;
      return this;
    }

    /** Creates the record. */
    public PackExtensions build() {
      return new PackExtensions(
          approvers,
          approvalsRequired,
          allowSelfApproval,
          holdReleasers,
          reconciliationWindowSecs,
          actorKeys);
    }
  }
}
