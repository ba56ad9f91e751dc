package dev.palm.packs.tutorial;

import dev.palm.packs.AccountabilityConfig;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.OperationLimits;
import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformHealthConfig;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.PlatformStateConfig;
import dev.palm.packs.ProbeConfig;
import dev.palm.packs.ProbeConfigs;
import dev.palm.packs.SafetyHoldsConfig;
import dev.palm.packs.spec.AgentSpec;
import java.util.List;

/**
 * The tutorial's example pack (Steps 2 to 5 of the MAPLE/PALM platform-packs tutorial, see
 * docs/pack-contract.md), translated line by line to Java.
 */
public class MyPlatformPack implements PlatformPack {

  private final PlatformMetadata metadata;
  private final PlatformPolicyConfig policy;
  private final PlatformHealthConfig health;
  private final PlatformStateConfig state;
  private final PlatformResourceConfig resources;
  private final PlatformRecoveryConfig recovery;
  private final PlatformCapabilities capabilities;

  /** Step 2's {@code new()}, with Steps 3 to 5's builders in place of the defaults. */
  public MyPlatformPack() {
    this(buildPolicy(), buildHealth(), buildCapabilities());
  }

  private MyPlatformPack(
      PlatformPolicyConfig policy, PlatformHealthConfig health, PlatformCapabilities capabilities) {
    this.metadata = buildMetadata();
    this.policy = policy;
    this.health = health;
    this.state = PlatformStateConfig.defaults();
    this.resources = PlatformResourceConfig.builder().build();
    this.recovery = PlatformRecoveryConfig.defaults();
    this.capabilities = capabilities;
  }

  /**
   * The pack exactly as Step 2 writes it: every config at its default (and therefore not
   * conformant, because the default state checkpoints while the default capabilities do not support
   * checkpoints).
   */
  public static MyPlatformPack step2Only() {
    return new MyPlatformPack(
        PlatformPolicyConfig.defaults(),
        PlatformHealthConfig.defaults(),
        PlatformCapabilities.defaults());
  }

  static PlatformMetadata buildMetadata() {
    return PlatformMetadata.builder()
        .name("my-platform")
        .version("0.1.0")
        .description("My custom platform pack")
        .build();
  }

  // Step 3
  static PlatformPolicyConfig buildPolicy() {
    return PlatformPolicyConfig.builder()
        .humanApproval(
            HumanApprovalConfig.builder()
                // Operations that always need human approval
                .alwaysRequired(List.of("delete_deployment"))
                .build())
        .limits(new OperationLimits(100, 50, 20, 60))
        .safetyHolds(
            new SafetyHoldsConfig(true, List.of("force_recovery"), java.util.Optional.of(3600L)))
        .accountability(new AccountabilityConfig(true, true, List.of("update_deployment")))
        .build();
  }

  // Step 4
  static PlatformHealthConfig buildHealth() {
    return PlatformHealthConfig.builder()
        .checkIntervalSecs(30)
        .failureThreshold(3)
        .successThreshold(2)
        .probes(
            ProbeConfigs.builder()
                .liveness(
                    ProbeConfig.builder().enabled(true).timeoutSecs(10).periodSecs(15).build())
                .readiness(
                    ProbeConfig.builder().enabled(true).timeoutSecs(10).periodSecs(15).build())
                .startup(java.util.Optional.empty())
                .custom(List.of())
                .build())
        .build();
  }

  // Step 5
  static PlatformCapabilities buildCapabilities() {
    return PlatformCapabilities.builder()
        .maxDeployments(1000)
        .maxInstancesPerDeployment(100)
        .maxTotalInstances(10000)
        .supportsMigration(true)
        .supportsHotReload(false)
        .supportsCanary(true)
        .supportsBlueGreen(true)
        .supportsHumanApproval(true)
        .supportsCheckpoints(true)
        .supportsCrossNodeMigration(false)
        .build();
  }

  @Override
  public PlatformProfile profile() {
    return PlatformProfile.custom("my-platform");
  }

  @Override
  public PlatformMetadata metadata() {
    return metadata;
  }

  @Override
  public PlatformPolicyConfig policyConfig() {
    return policy;
  }

  @Override
  public PlatformHealthConfig healthConfig() {
    return health;
  }

  @Override
  public PlatformStateConfig stateConfig() {
    return state;
  }

  @Override
  public PlatformResourceConfig resourceConfig() {
    return resources;
  }

  @Override
  public PlatformRecoveryConfig recoveryConfig() {
    return recovery;
  }

  @Override
  public PlatformCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public void validateAgentSpec(AgentSpec spec) throws PackException {
    // Add your custom validation logic here
    if (spec.name().isEmpty()) {
      throw new PackException(PackError.INCOMPATIBLE_SPEC, "Agent name cannot be empty");
    }
  }
}
