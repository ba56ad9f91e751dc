package dev.palm.packs.conformance;

import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.SemVer;
import dev.palm.packs.spec.AgentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The Behavioral category of docs/pack-contract.md §5.2: how the pack treats agent specs and its
 * resource limits.
 */
final class BehavioralTests {

  private BehavioralTests() {}

  static List<ConformanceCheck> all() {
    return List.of(
        new ConformanceCheck(
            "agent_spec_validation", TestCategory.BEHAVIORAL, BehavioralTests::agentSpecValidation),
        new ConformanceCheck(
            "resource_limits", TestCategory.BEHAVIORAL, BehavioralTests::resourceLimits));
  }

  static CheckOutcome agentSpecValidation(PlatformPack pack) {
    AgentSpec spec = AgentSpec.create("test-agent", SemVer.of(1, 0, 0));
    try {
      pack.validateAgentSpec(spec);
      return CheckOutcome.pass();
    } catch (PackException e) {
      // Always passes: a pack may legitimately reject a minimal spec; the reason is kept as a
      // detail.
      return CheckOutcome.pass().withDetail("validation_result", "Rejected: " + e.getMessage());
    }
  }

  static CheckOutcome resourceLimits(PlatformPack pack) {
    PlatformResourceConfig resources = pack.resourceConfig();
    List<String> errors = new ArrayList<>();
    if (resources.defaults().cpuMillicores() > resources.limits().maxCpuMillicores()) {
      errors.add("Default CPU exceeds max limit");
    }
    if (resources.defaults().memoryMb() > resources.limits().maxMemoryMb()) {
      errors.add("Default memory exceeds max limit");
    }
    return CheckOutcome.failIfAny(errors);
  }
}
