package dev.palm.packs;

/**
 * A value with a fixed spelling in pack files (lowercase or snake_case, as in the original serde
 * names).
 */
public interface Spelling {

  /**
   * Returns how this value is written in a pack file, e.g. {@code zstd} or {@code cpu_utilization}.
   */
  String spelling();
}
