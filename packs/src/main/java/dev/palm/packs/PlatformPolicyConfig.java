package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static PlatformPolicyConfigBuilder builder() {
    return PlatformPolicyConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformPolicyConfigBuilder toBuilder() {
    return PlatformPolicyConfigBuilder.builder(this);
  }
}
