package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link HumanApprovalConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private List<String> alwaysRequired;
    private List<ThresholdApproval> thresholdRequired;
    private long approvalTimeoutSecs;
    private boolean allowAutoApproval;

    private Builder(HumanApprovalConfig from) {
      this.alwaysRequired = from.alwaysRequired();
      this.thresholdRequired = from.thresholdRequired();
      this.approvalTimeoutSecs = from.approvalTimeoutSecs();
      this.allowAutoApproval = from.allowAutoApproval();
    }

    /** Sets {@code always_required}: operations that always need human approval. */
    public Builder alwaysRequired(List<String> alwaysRequired) {
      this.alwaysRequired = alwaysRequired;
      return this;
    }

    /** Sets {@code threshold_required}: operations that need approval above a threshold. */
    public Builder thresholdRequired(List<ThresholdApproval> thresholdRequired) {
      this.thresholdRequired = thresholdRequired;
      return this;
    }

    /** Sets {@code approval_timeout_secs}: seconds an approval request waits before it expires. */
    public Builder approvalTimeoutSecs(long approvalTimeoutSecs) {
      this.approvalTimeoutSecs = approvalTimeoutSecs;
      return this;
    }

    /**
     * Sets {@code allow_auto_approval}: whether standing, scoped approvals may satisfy requests.
     */
    public Builder allowAutoApproval(boolean allowAutoApproval) {
      this.allowAutoApproval = allowAutoApproval;
      return this;
    }

    /** Creates the record. */
    public HumanApprovalConfig build() {
      return new HumanApprovalConfig(
          alwaysRequired, thresholdRequired, approvalTimeoutSecs, allowAutoApproval);
    }
  }
}
