package dev.palm.streams.bench;

import dev.palm.packs.OperationLimits;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.ResourceLimits;
import java.util.List;

/**
 * The pack the pipeline benchmark enforces: a canonical pack with the limits that would deny or
 * park a burst lifted, so every measured operation takes the full ALLOWED path (validity,
 * deployment state, limits, audit, decision) instead of the cheaper early denial.
 *
 * @param pack the derived pack (same name and version as its base)
 * @param base name of the pack it was derived from
 * @param changes what was changed, one phrase each, for the report
 */
public record BenchPack(PlatformPack pack, String base, List<String> changes) {

  /** The rate limit of the bench pack: far above anything one machine can publish in a minute. */
  public static final int RATE_LIMIT_PER_MINUTE = 100_000_000;

  /** Copies the list. */
  public BenchPack {
    changes = List.copyOf(changes);
  }

  /**
   * Derives the bench pack from {@code base}: {@code rate_limit_per_minute} raised to {@value
   * #RATE_LIMIT_PER_MINUTE}, no human approval (neither always nor by threshold), safety holds off,
   * {@code max_concurrent_deployments} and {@code capabilities.max_deployments} at least {@code
   * deployments}, and the pack-wide resource totals ({@code total_cpu_millicores}, {@code
   * total_memory_mb}) lifted.
   */
  public static BenchPack derive(PlatformPack base, int deployments) {
    PlatformPackConfig config = PlatformPackConfig.of(base);
    PlatformPolicyConfig policy = config.policy();
    OperationLimits limits = policy.limits();
    PlatformPolicyConfig benchPolicy =
        policy.toBuilder()
            .limits(
                limits.toBuilder()
                    .rateLimitPerMinute(RATE_LIMIT_PER_MINUTE)
                    .maxConcurrentDeployments(
                        Math.max(limits.maxConcurrentDeployments(), deployments))
                    .build())
            .humanApproval(
                policy.humanApproval().toBuilder()
                    .alwaysRequired(List.of())
                    .thresholdRequired(List.of())
                    .build())
            .safetyHolds(policy.safetyHolds().toBuilder().enabled(false).build())
            .build();
    ResourceLimits resources = config.resources().limits();
    // the pack-wide totals bound how many deployments exist at once, so they are lifted like
    // max_concurrent_deployments (Integer.MAX_VALUE millicores: two million one-CPU deployments)
    PlatformResourceConfig benchResources =
        config.resources().toBuilder()
            .limits(
                resources.toBuilder()
                    .totalCpuMillicores(Integer.MAX_VALUE)
                    .totalMemoryMb(Integer.MAX_VALUE)
                    .build())
            .build();
    PlatformCapabilities caps = config.capabilities();
    PlatformCapabilities benchCaps =
        caps.toBuilder()
            .maxDeployments(caps.maxDeployments().map(max -> Math.max(max, deployments)))
            .build();
    PlatformPack pack =
        config.toBuilder()
            .policy(benchPolicy)
            .resources(benchResources)
            .capabilities(benchCaps)
            .build()
            .toPack();
    List<String> changes =
        List.of(
            "rate_limit_per_minute " + limits.rateLimitPerMinute() + " -> " + RATE_LIMIT_PER_MINUTE,
            "human_approval always_required/threshold_required cleared (was "
                + policy.humanApproval().alwaysRequired().size()
                + "/"
                + policy.humanApproval().thresholdRequired().size()
                + " rules)",
            "capabilities.max_deployments "
                + caps.maxDeployments().map(String::valueOf).orElse("unlimited")
                + " -> "
                + benchCaps.maxDeployments().map(String::valueOf).orElse("unlimited"),
            "resources.limits total_cpu_millicores "
                + resources.totalCpuMillicores()
                + " and total_memory_mb "
                + resources.totalMemoryMb()
                + " -> "
                + Integer.MAX_VALUE,
            "safety_holds "
                + (policy.safetyHolds().enabled()
                    ? "enabled -> disabled"
                    : "disabled (unchanged)"));
    return new BenchPack(pack, base.metadata().name(), changes);
  }
}
