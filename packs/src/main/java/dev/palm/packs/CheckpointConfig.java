package dev.palm.packs;

import java.util.Objects;

/**
 * When and how state checkpoints are taken.
 *
 * <p>Defaults follow docs/pack-contract.md §2.6; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param autoCheckpoint whether checkpoints are taken automatically (file: {@code auto_checkpoint};
 *     default {@code true})
 * @param intervalSecs seconds between checkpoints (file: {@code interval_secs}; default {@code
 *     300L})
 * @param maxSizeBytes the largest checkpoint (100 MiB) (file: {@code max_size_bytes}; default
 *     {@code 104_857_600L})
 * @param compression checkpoint compression (the config default is zstd, although the enum's own
 *     default is none) (file: {@code compression}; default {@code CompressionAlgorithm.ZSTD})
 * @param incremental whether checkpoints are incremental (file: {@code incremental}; default {@code
 *     false})
 * @param maxRetained how many checkpoints are kept (file: {@code max_retained}; default {@code 10})
 */
public record CheckpointConfig(
    boolean autoCheckpoint,
    long intervalSecs,
    long maxSizeBytes,
    CompressionAlgorithm compression,
    boolean incremental,
    int maxRetained) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public CheckpointConfig {
    Values.unsigned(intervalSecs, "CheckpointConfig.interval_secs");
    Values.unsigned(maxSizeBytes, "CheckpointConfig.max_size_bytes");
    Objects.requireNonNull(compression, "CheckpointConfig.compression" + " must not be null");
    Values.unsigned(maxRetained, "CheckpointConfig.max_retained");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.6). */
  public static CheckpointConfig defaults() {
    return new CheckpointConfig(true, 300L, 104_857_600L, CompressionAlgorithm.ZSTD, false, 10);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link CheckpointConfig}; every field starts from the value it was created from. */
  public static final class Builder {
    private boolean autoCheckpoint;
    private long intervalSecs;
    private long maxSizeBytes;
    private CompressionAlgorithm compression;
    private boolean incremental;
    private int maxRetained;

    private Builder(CheckpointConfig from) {
      this.autoCheckpoint = from.autoCheckpoint();
      this.intervalSecs = from.intervalSecs();
      this.maxSizeBytes = from.maxSizeBytes();
      this.compression = from.compression();
      this.incremental = from.incremental();
      this.maxRetained = from.maxRetained();
    }

    /** Sets {@code auto_checkpoint}: whether checkpoints are taken automatically. */
    public Builder autoCheckpoint(boolean autoCheckpoint) {
      this.autoCheckpoint = autoCheckpoint;
      return this;
    }

    /** Sets {@code interval_secs}: seconds between checkpoints. */
    public Builder intervalSecs(long intervalSecs) {
      this.intervalSecs = intervalSecs;
      return this;
    }

    /** Sets {@code max_size_bytes}: the largest checkpoint (100 MiB). */
    public Builder maxSizeBytes(long maxSizeBytes) {
      this.maxSizeBytes = maxSizeBytes;
      return this;
    }

    /**
     * Sets {@code compression}: checkpoint compression (the config default is zstd, although the
     * enum's own default is none).
     */
    public Builder compression(CompressionAlgorithm compression) {
      this.compression = compression;
      return this;
    }

    /** Sets {@code incremental}: whether checkpoints are incremental. */
    public Builder incremental(boolean incremental) {
      this.incremental = incremental;
      return this;
    }

    /** Sets {@code max_retained}: how many checkpoints are kept. */
    public Builder maxRetained(int maxRetained) {
      this.maxRetained = maxRetained;
      return this;
    }

    /** Creates the record. */
    public CheckpointConfig build() {
      return new CheckpointConfig(
          autoCheckpoint, intervalSecs, maxSizeBytes, compression, incremental, maxRetained);
    }
  }
}
