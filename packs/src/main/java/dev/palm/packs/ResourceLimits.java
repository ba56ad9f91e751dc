package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Per-agent maxima and pack-wide totals of resources.
 *
 * <p>Defaults follow docs/pack-contract.md §2.7; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param maxCpuMillicores CPU per agent (file: {@code max_cpu_millicores}; default {@code 4000})
 * @param maxMemoryMb memory per agent in MiB (file: {@code max_memory_mb}; default {@code 8192})
 * @param maxStorageMb storage per agent in MiB (file: {@code max_storage_mb}; default {@code
 *     10240})
 * @param totalCpuMillicores CPU of all agents (file: {@code total_cpu_millicores}; default {@code
 *     32000})
 * @param totalMemoryMb memory of all agents in MiB (file: {@code total_memory_mb}; default {@code
 *     65536})
 * @param maxNetworkKbps network bandwidth per agent in kbit/s (file: {@code max_network_kbps};
 *     default {@code 100000})
 * @param requestLimitRatio ratio of requested to limit resources (file: {@code
 *     request_limit_ratio}; default {@code 0.8})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record ResourceLimits(
    int maxCpuMillicores,
    int maxMemoryMb,
    int maxStorageMb,
    int totalCpuMillicores,
    int totalMemoryMb,
    int maxNetworkKbps,
    double requestLimitRatio) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ResourceLimits {
    Values.unsigned(maxCpuMillicores, "ResourceLimits.max_cpu_millicores");
    Values.unsigned(maxMemoryMb, "ResourceLimits.max_memory_mb");
    Values.unsigned(maxStorageMb, "ResourceLimits.max_storage_mb");
    Values.unsigned(totalCpuMillicores, "ResourceLimits.total_cpu_millicores");
    Values.unsigned(totalMemoryMb, "ResourceLimits.total_memory_mb");
    Values.unsigned(maxNetworkKbps, "ResourceLimits.max_network_kbps");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.7). */
  public static ResourceLimits defaults() {
    return new ResourceLimits(4000, 8192, 10240, 32000, 65536, 100000, 0.8);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static ResourceLimitsBuilder builder() {
    return ResourceLimitsBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public ResourceLimitsBuilder toBuilder() {
    return ResourceLimitsBuilder.builder(this);
  }
}
