package dev.palm.packs.conformance;

/** The group a conformance test belongs to; reports list categories in declaration order. */
public enum TestCategory {
  /**
   * Tests every pack must pass: metadata, configuration validity, capabilities, lifecycle, profile.
   */
  CORE("Core", "core"),
  /** Tests of how the pack behaves: agent-spec validation and resource limits. */
  BEHAVIORAL("Behavioral", "behavioral"),
  /** Tests chosen by the pack's profile (Mapleverse, Finalverse, iBank). */
  PLATFORM_SPECIFIC("Platform-Specific", "platform_specific");

  private final String displayName;
  private final String key;

  TestCategory(String displayName, String key) {
    this.displayName = displayName;
    this.key = key;
  }

  /** The name shown in text reports: "Core", "Behavioral", "Platform-Specific". */
  public String displayName() {
    return displayName;
  }

  /**
   * The snake_case key used in JSON reports: {@code core}, {@code behavioral}, {@code
   * platform_specific}.
   */
  public String key() {
    return key;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
