package dev.palm.packs;

import java.util.Optional;

/**
 * Severity of a notification, ordered {@code INFO < WARNING < ERROR < CRITICAL} (declaration order,
 * so {@code compareTo} works); written lowercase; default {@code WARNING}.
 */
public enum Severity implements Spelling {
  /** Written {@code info}. */
  INFO("info"),
  /** Written {@code warning}. */
  WARNING("warning"),
  /** Written {@code error}. */
  ERROR("error"),
  /** Written {@code critical}. */
  CRITICAL("critical");

  private final String spelling;

  Severity(String spelling) {
    this.spelling = spelling;
  }

  @Override
  public String spelling() {
    return spelling;
  }

  /**
   * Finds the constant written {@code text} in a pack file; also accepts the Java constant name.
   */
  public static Optional<Severity> parse(String text) {
    return OpenEnumSpelling.standard(text, values());
  }

  /** Returns the default severity, {@code WARNING}, as in the original. */
  public static Severity defaultSeverity() {
    return WARNING;
  }

  /** Tells whether this severity is at least {@code other}. */
  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** Lists the file spellings, for error messages. */
  public static String spellings() {
    return OpenEnumSpelling.standardSpellings(values());
  }
}
