package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
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
  public static CheckpointConfigBuilder builder() {
    return CheckpointConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public CheckpointConfigBuilder toBuilder() {
    return CheckpointConfigBuilder.builder(this);
  }
}
