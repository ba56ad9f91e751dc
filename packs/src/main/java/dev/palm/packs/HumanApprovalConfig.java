package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * Which operations need a human approval, and how long an approval request may wait.
 *
 * <p>Defaults follow docs/pack-contract.md §2.4; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param alwaysRequired operations that always need human approval (file: {@code always_required};
 *     default {@code List.of()})
 * @param thresholdRequired operations that need approval above a threshold (file: {@code
 *     threshold_required}; default {@code List.of()})
 * @param approvalTimeoutSecs seconds an approval request waits before it expires (file: {@code
 *     approval_timeout_secs}; default {@code 3600L})
 * @param allowAutoApproval whether standing, scoped approvals may satisfy requests (file: {@code
 *     allow_auto_approval}; default {@code true})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record HumanApprovalConfig(
    List<String> alwaysRequired,
    List<ThresholdApproval> thresholdRequired,
    long approvalTimeoutSecs,
    boolean allowAutoApproval) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public HumanApprovalConfig {
    alwaysRequired = Values.list(alwaysRequired, "HumanApprovalConfig.always_required");
    thresholdRequired = Values.list(thresholdRequired, "HumanApprovalConfig.threshold_required");
    Values.unsigned(approvalTimeoutSecs, "HumanApprovalConfig.approval_timeout_secs");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.4). */
  public static HumanApprovalConfig defaults() {
    return new HumanApprovalConfig(List.of(), List.of(), 3600L, true);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static HumanApprovalConfigBuilder builder() {
    return HumanApprovalConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public HumanApprovalConfigBuilder toBuilder() {
    return HumanApprovalConfigBuilder.builder(this);
  }
}
