package dev.palm.packs.validation;

/**
 * How serious a {@link ValidationError} is: {@code CRITICAL} marks errors that make a pack unusable
 * outright.
 */
public enum ErrorSeverity {
  /** The configuration is wrong and must be fixed before the pack is used. */
  ERROR,
  /** The pack cannot work at all (no name, or a required runtime feature is missing). */
  CRITICAL;

  /** The lowercase spelling used in reports and JSON ({@code error}, {@code critical}). */
  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
