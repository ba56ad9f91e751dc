package dev.palm.packs;

/**
 * The kind of failure a {@link PackException} reports, mirroring the original {@code PackError}
 * variants.
 */
public enum PackError {
  /**
   * A pack file is not well-formed or does not fit the pack schema (syntax, unknown field, wrong
   * type).
   */
  CONFIG_PARSE,
  /** A pack file or directory could not be read. */
  IO,
  /**
   * A value is outside its domain, or packs conflict (negative limit, unknown enum value, duplicate
   * name).
   */
  VALIDATION,
  /** An agent spec is not acceptable to the pack. */
  INCOMPATIBLE_SPEC,
  /** The pack needs a capability the runtime lacks. */
  UNSUPPORTED_CAPABILITY,
  /** A platform-specific failure, e.g. in a lifecycle callback or while discovering packs. */
  PLATFORM
}
