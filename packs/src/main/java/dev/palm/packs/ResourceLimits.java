package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ResourceLimits}; every field starts from the value it was created from. */
  public static final class Builder {
    private int maxCpuMillicores;
    private int maxMemoryMb;
    private int maxStorageMb;
    private int totalCpuMillicores;
    private int totalMemoryMb;
    private int maxNetworkKbps;
    private double requestLimitRatio;

    private Builder(ResourceLimits from) {
      this.maxCpuMillicores = from.maxCpuMillicores();
      this.maxMemoryMb = from.maxMemoryMb();
      this.maxStorageMb = from.maxStorageMb();
      this.totalCpuMillicores = from.totalCpuMillicores();
      this.totalMemoryMb = from.totalMemoryMb();
      this.maxNetworkKbps = from.maxNetworkKbps();
      this.requestLimitRatio = from.requestLimitRatio();
    }

    /** Sets {@code max_cpu_millicores}: CPU per agent. */
    public Builder maxCpuMillicores(int maxCpuMillicores) {
      this.maxCpuMillicores = maxCpuMillicores;
      return this;
    }

    /** Sets {@code max_memory_mb}: memory per agent in MiB. */
    public Builder maxMemoryMb(int maxMemoryMb) {
      this.maxMemoryMb = maxMemoryMb;
      return this;
    }

    /** Sets {@code max_storage_mb}: storage per agent in MiB. */
    public Builder maxStorageMb(int maxStorageMb) {
      this.maxStorageMb = maxStorageMb;
      return this;
    }

    /** Sets {@code total_cpu_millicores}: CPU of all agents. */
    public Builder totalCpuMillicores(int totalCpuMillicores) {
      this.totalCpuMillicores = totalCpuMillicores;
      return this;
    }

    /** Sets {@code total_memory_mb}: memory of all agents in MiB. */
    public Builder totalMemoryMb(int totalMemoryMb) {
      this.totalMemoryMb = totalMemoryMb;
      return this;
    }

    /** Sets {@code max_network_kbps}: network bandwidth per agent in kbit/s. */
    public Builder maxNetworkKbps(int maxNetworkKbps) {
      this.maxNetworkKbps = maxNetworkKbps;
      return this;
    }

    /** Sets {@code request_limit_ratio}: ratio of requested to limit resources. */
    public Builder requestLimitRatio(double requestLimitRatio) {
      this.requestLimitRatio = requestLimitRatio;
      return this;
    }

    /** Creates the record. */
    public ResourceLimits build() {
      return new ResourceLimits(
          maxCpuMillicores,
          maxMemoryMb,
          maxStorageMb,
          totalCpuMillicores,
          totalMemoryMb,
          maxNetworkKbps,
          requestLimitRatio);
    }
  }
}
