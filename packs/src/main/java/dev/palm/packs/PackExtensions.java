package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
 * @param operations operation names of this platform beyond the standard ones ({@link
 *     OperationVocabulary#STANDARD}); any other name is denied (file: {@code operations}; default
 *     {@code List.of()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record PackExtensions(
    List<String> approvers,
    int approvalsRequired,
    boolean allowSelfApproval,
    List<String> holdReleasers,
    long reconciliationWindowSecs,
    Map<String, String> actorKeys,
    List<String> operations) {

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
    operations = Values.list(operations, "PackExtensions.operations");
  }

  /** Returns the documented defaults (packs-reference docs/architecture.md §4 and the brief). */
  public static PackExtensions defaults() {
    return new PackExtensions(List.of(), 1, false, List.of(), 3600L, Map.of(), List.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static PackExtensionsBuilder builder() {
    return PackExtensionsBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PackExtensionsBuilder toBuilder() {
    return PackExtensionsBuilder.builder(this);
  }
}
