package dev.palm.packs;

import java.util.Optional;

/**
 * Compression of state checkpoints; written {@code none|gzip|zstd|lz4|snappy}. The enum's own
 * default is {@code NONE}, the checkpoint config's default {@code ZSTD}.
 */
public enum CompressionAlgorithm implements Spelling {
  /** Written {@code none}. */
  NONE("none"),
  /** Written {@code gzip}. */
  GZIP("gzip"),
  /** Written {@code zstd}. */
  ZSTD("zstd"),
  /** Written {@code lz4}. */
  LZ4("lz4"),
  /** Written {@code snappy}. */
  SNAPPY("snappy");

  private final String spelling;

  CompressionAlgorithm(String spelling) {
    this.spelling = spelling;
  }

  @Override
  public String spelling() {
    return spelling;
  }

  /**
   * Finds the constant written {@code text} in a pack file; also accepts the Java constant name.
   */
  public static Optional<CompressionAlgorithm> parse(String text) {
    return OpenEnumSpelling.standard(text, values());
  }

  /** Lists the file spellings, for error messages. */
  public static String spellings() {
    return OpenEnumSpelling.standardSpellings(values());
  }
}
