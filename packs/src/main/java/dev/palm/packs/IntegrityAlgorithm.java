package dev.palm.packs;

import java.util.Optional;

/**
 * Hash algorithm of the integrity (audit) chain; written {@code sha256|sha384|sha512|blake3}
 * (default {@code SHA256}).
 */
public enum IntegrityAlgorithm implements Spelling {
  /** Written {@code sha256}. */
  SHA256("sha256"),
  /** Written {@code sha384}. */
  SHA384("sha384"),
  /** Written {@code sha512}. */
  SHA512("sha512"),
  /** Written {@code blake3}. */
  BLAKE3("blake3");

  private final String spelling;

  IntegrityAlgorithm(String spelling) {
    this.spelling = spelling;
  }

  @Override
  public String spelling() {
    return spelling;
  }

  /**
   * Finds the constant written {@code text} in a pack file; also accepts the Java constant name.
   */
  public static Optional<IntegrityAlgorithm> parse(String text) {
    return OpenEnumSpelling.standard(text, values());
  }

  /** Lists the file spellings, for error messages. */
  public static String spellings() {
    return OpenEnumSpelling.standardSpellings(values());
  }
}
