package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * The resources an agent gets when its spec asks for none.
 *
 * <p>Defaults follow docs/pack-contract.md §2.7; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param cpuMillicores CPU in millicores (file: {@code cpu_millicores}; default {@code 500})
 * @param memoryMb memory in MiB (file: {@code memory_mb}; default {@code 512})
 * @param storageMb storage in MiB (file: {@code storage_mb}; default {@code 1024})
 * @param networkKbps network bandwidth in kbit/s (file: {@code network_kbps}; default {@code
 *     10000})
 * @param gpuFraction fraction of a GPU (file: {@code gpu_fraction}; default {@code 0.0})
 * @param attentionPoolSize attention pool size (file: {@code attention_pool_size}; default {@code
 *     100})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record ResourceDefaults(
    int cpuMillicores,
    int memoryMb,
    int storageMb,
    int networkKbps,
    double gpuFraction,
    int attentionPoolSize) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public ResourceDefaults {
    Values.unsigned(cpuMillicores, "ResourceDefaults.cpu_millicores");
    Values.unsigned(memoryMb, "ResourceDefaults.memory_mb");
    Values.unsigned(storageMb, "ResourceDefaults.storage_mb");
    Values.unsigned(networkKbps, "ResourceDefaults.network_kbps");
    Values.unsigned(attentionPoolSize, "ResourceDefaults.attention_pool_size");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.7). */
  public static ResourceDefaults defaults() {
    return new ResourceDefaults(500, 512, 1024, 10000, 0.0, 100);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static ResourceDefaultsBuilder builder() {
    return ResourceDefaultsBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public ResourceDefaultsBuilder toBuilder() {
    return ResourceDefaultsBuilder.builder(this);
  }
}
