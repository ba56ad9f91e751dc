package dev.palm.packs;

import java.util.Optional;

/**
 * The kind of a notification channel.
 *
 * <p>The original is a Rust enum with a {@code Custom(String)} variant, so this is a sealed type:
 * the standard values are the constants of {@link Standard} (also reachable as constants of this
 * interface, e.g. {@link #EMAIL}), and {@link Custom} carries any other name. In pack files a
 * standard value is written in snake_case ({@code email}) and a custom one as {@code
 * custom:<name>}.
 */
public sealed interface ChannelType extends Spelling
    permits ChannelType.Standard, ChannelType.Custom {

  /** Written {@code email}. */
  ChannelType EMAIL = Standard.EMAIL;

  /** Written {@code slack}. */
  ChannelType SLACK = Standard.SLACK;

  /** Written {@code webhook}. */
  ChannelType WEBHOOK = Standard.WEBHOOK;

  /** Written {@code pager_duty}. */
  ChannelType PAGER_DUTY = Standard.PAGER_DUTY;

  /** Tells whether this is a {@link Custom} value. */
  default boolean isCustom() {
    return this instanceof Custom;
  }

  /** The standard values. */
  enum Standard implements ChannelType {
    /** Written {@code email}. */
    EMAIL("email"),
    /** Written {@code slack}. */
    SLACK("slack"),
    /** Written {@code webhook}. */
    WEBHOOK("webhook"),
    /** Written {@code pager_duty}. */
    PAGER_DUTY("pager_duty");

    private final String spelling;

    Standard(String spelling) {
      this.spelling = spelling;
    }

    @Override
    public String spelling() {
      return spelling;
    }
  }

  /**
   * A platform-specific value outside the standard set.
   *
   * @param name the custom name, non-blank
   */
  record Custom(String name) implements ChannelType {

    /** Checks that the name is not blank. */
    public Custom {
      OpenEnumSpelling.checkCustomName(ChannelType.class, name);
    }

    @Override
    public String spelling() {
      return OpenEnumSpelling.customSpelling(name);
    }

    @Override
    public String toString() {
      return spelling();
    }
  }

  /** Returns a custom value named {@code name}. */
  static ChannelType custom(String name) {
    return new Custom(name);
  }

  /**
   * Reads a value written in a pack file: a standard spelling (or Java constant name), or {@code
   * custom:<name>}.
   */
  static Optional<ChannelType> parse(String text) {
    return OpenEnumSpelling.parse(text, Standard.values(), Custom::new);
  }

  /** Lists the accepted spellings, for error messages. */
  static String spellings() {
    return OpenEnumSpelling.spellings(Standard.values());
  }
}
