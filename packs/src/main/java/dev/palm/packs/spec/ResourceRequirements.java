package dev.palm.packs.spec;

import java.util.Optional;

/**
 * The resources an agent asks for.
 *
 * @param attentionBudget the finite capacity for resonance; default 10000; must be positive to be
 *     valid
 * @param couplingSlots the maximum coupling slots; default 100; must be positive to be valid
 * @param memoryLimit the memory limit in bytes; default absent
 * @param cpuLimit the CPU limit in millicores; default absent
 */
public record ResourceRequirements(
    long attentionBudget,
    int couplingSlots,
    Optional<Long> memoryLimit,
    Optional<Integer> cpuLimit) {

  /** Rejects negative values (the original fields are unsigned) and normalises absent limits. */
  public ResourceRequirements {
    if (attentionBudget < 0 || couplingSlots < 0) {
      throw new IllegalArgumentException(
          "attention_budget and coupling_slots must not be negative");
    }
    memoryLimit = memoryLimit == null ? Optional.empty() : memoryLimit;
    cpuLimit = cpuLimit == null ? Optional.empty() : cpuLimit;
  }

  /** Returns the defaults: attention budget 10000, 100 coupling slots, no memory or CPU limit. */
  public static ResourceRequirements defaults() {
    return new ResourceRequirements(10_000L, 100, Optional.empty(), Optional.empty());
  }
}
