package dev.palm.packs;

import java.util.Optional;

/**
 * What the scheduler does when a topology spread cannot be met; written {@code
 * do_not_schedule|schedule_anyway} (default {@code DO_NOT_SCHEDULE}).
 */
public enum TopologyPolicy implements Spelling {
  /** Written {@code do_not_schedule}. */
  DO_NOT_SCHEDULE("do_not_schedule"),
  /** Written {@code schedule_anyway}. */
  SCHEDULE_ANYWAY("schedule_anyway");

  private final String spelling;

  TopologyPolicy(String spelling) {
    this.spelling = spelling;
  }

  @Override
  public String spelling() {
    return spelling;
  }

  /**
   * Finds the constant written {@code text} in a pack file; also accepts the Java constant name.
   */
  public static Optional<TopologyPolicy> parse(String text) {
    return OpenEnumSpelling.standard(text, values());
  }

  /** Lists the file spellings, for error messages. */
  public static String spellings() {
    return OpenEnumSpelling.standardSpellings(values());
  }
}
