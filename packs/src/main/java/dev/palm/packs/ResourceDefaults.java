package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ResourceDefaults}; every field starts from the value it was created from. */
  public static final class Builder {
    private int cpuMillicores;
    private int memoryMb;
    private int storageMb;
    private int networkKbps;
    private double gpuFraction;
    private int attentionPoolSize;

    private Builder(ResourceDefaults from) {
      this.cpuMillicores = from.cpuMillicores();
      this.memoryMb = from.memoryMb();
      this.storageMb = from.storageMb();
      this.networkKbps = from.networkKbps();
      this.gpuFraction = from.gpuFraction();
      this.attentionPoolSize = from.attentionPoolSize();
    }

    /** Sets {@code cpu_millicores}: CPU in millicores. */
    public Builder cpuMillicores(int cpuMillicores) {
      this.cpuMillicores = cpuMillicores;
      return this;
    }

    /** Sets {@code memory_mb}: memory in MiB. */
    public Builder memoryMb(int memoryMb) {
      this.memoryMb = memoryMb;
      return this;
    }

    /** Sets {@code storage_mb}: storage in MiB. */
    public Builder storageMb(int storageMb) {
      this.storageMb = storageMb;
      return this;
    }

    /** Sets {@code network_kbps}: network bandwidth in kbit/s. */
    public Builder networkKbps(int networkKbps) {
      this.networkKbps = networkKbps;
      return this;
    }

    /** Sets {@code gpu_fraction}: fraction of a GPU. */
    public Builder gpuFraction(double gpuFraction) {
      this.gpuFraction = gpuFraction;
      return this;
    }

    /** Sets {@code attention_pool_size}: attention pool size. */
    public Builder attentionPoolSize(int attentionPoolSize) {
      this.attentionPoolSize = attentionPoolSize;
      return this;
    }

    /** Creates the record. */
    public ResourceDefaults build() {
      return new ResourceDefaults(
          cpuMillicores, memoryMb, storageMb, networkKbps, gpuFraction, attentionPoolSize);
    }
  }
}
