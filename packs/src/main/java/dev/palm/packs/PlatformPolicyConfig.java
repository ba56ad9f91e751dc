package dev.palm.packs;

/**
 * The policy a pack imposes on operations: human approval, limits, safety holds and accountability.
 *
 * <p>Defaults follow docs/pack-contract.md §2.4; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param humanApproval which operations need a human (file: {@code human_approval}; default {@code
 *     HumanApprovalConfig.defaults()})
 * @param limits operation rate and size limits (file: {@code limits}; default {@code
 *     OperationLimits.defaults()})
 * @param safetyHolds which operations are held (file: {@code safety_holds}; default {@code
 *     SafetyHoldsConfig.defaults()})
 * @param accountability proof, pre-audit and reconciliation requirements (file: {@code
 *     accountability}; default {@code AccountabilityConfig.defaults()})
 */
public record PlatformPolicyConfig(
    HumanApprovalConfig humanApproval,
    OperationLimits limits,
    SafetyHoldsConfig safetyHolds,
    AccountabilityConfig accountability) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformPolicyConfig {
    humanApproval = humanApproval == null ? HumanApprovalConfig.defaults() : humanApproval;
    limits = limits == null ? OperationLimits.defaults() : limits;
    safetyHolds = safetyHolds == null ? SafetyHoldsConfig.defaults() : safetyHolds;
    accountability = accountability == null ? AccountabilityConfig.defaults() : accountability;
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.4). */
  public static PlatformPolicyConfig defaults() {
    return new PlatformPolicyConfig(
        HumanApprovalConfig.defaults(),
        OperationLimits.defaults(),
        SafetyHoldsConfig.defaults(),
        AccountabilityConfig.defaults());
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
   * Builds a {@link PlatformPolicyConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private HumanApprovalConfig humanApproval;
    private OperationLimits limits;
    private SafetyHoldsConfig safetyHolds;
    private AccountabilityConfig accountability;

    private Builder(PlatformPolicyConfig from) {
      this.humanApproval = from.humanApproval();
      this.limits = from.limits();
      this.safetyHolds = from.safetyHolds();
      this.accountability = from.accountability();
    }

    /** Sets {@code human_approval}: which operations need a human. */
    public Builder humanApproval(HumanApprovalConfig humanApproval) {
      this.humanApproval = humanApproval;
      return this;
    }

    /** Sets {@code limits}: operation rate and size limits. */
    public Builder limits(OperationLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Sets {@code safety_holds}: which operations are held. */
    public Builder safetyHolds(SafetyHoldsConfig safetyHolds) {
      this.safetyHolds = safetyHolds;
      return this;
    }

    /** Sets {@code accountability}: proof, pre-audit and reconciliation requirements. */
    public Builder accountability(AccountabilityConfig accountability) {
      this.accountability = accountability;
      return this;
    }

    /** Creates the record. */
    public PlatformPolicyConfig build() {
      return new PlatformPolicyConfig(humanApproval, limits, safetyHolds, accountability);
    }
  }
}
