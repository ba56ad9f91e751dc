package dev.palm.packs;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The spelling rules shared by the enumerations of the contract: a standard value is read by its
 * spelling or Java constant name; the open enumerations ({@link RecoveryActionType}, {@link
 * ScalingMetric}, {@link ChannelType}) also accept any other value written as {@code
 * custom:<name>}.
 */
final class OpenEnumSpelling {

  /** How a custom value's spelling starts. */
  static final String CUSTOM_PREFIX = "custom:";

  private OpenEnumSpelling() {}

  /** Checks the name of a custom value of {@code type}: not null, not blank. */
  static void checkCustomName(Class<?> type, String name) {
    Objects.requireNonNull(name, "custom " + type.getSimpleName() + " name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "custom " + type.getSimpleName() + " name must not be blank");
    }
  }

  /** The spelling of a custom value named {@code name}. */
  static String customSpelling(String name) {
    return CUSTOM_PREFIX + name;
  }

  /**
   * Reads {@code text}: {@code custom:<name>} (a blank name is no value), else one of {@code
   * standards} by its spelling or Java constant name.
   */
  static <T extends Spelling> Optional<T> parse(
      String text, T[] standards, Function<String, ? extends T> custom) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.startsWith(CUSTOM_PREFIX)) {
      String customName = text.substring(CUSTOM_PREFIX.length());
      return customName.isBlank() ? Optional.empty() : Optional.of(custom.apply(customName));
    }
    return standard(text, standards);
  }

  /**
   * Finds the one of {@code standards} written {@code text}, by its spelling or its Java constant
   * name.
   */
  static <T extends Spelling> Optional<T> standard(String text, T[] standards) {
    if (text == null) {
      return Optional.empty();
    }
    for (T value : standards) {
      if (value.spelling().equals(text)
          || value instanceof Enum<?> constant && constant.name().equals(text)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** Lists the spellings of {@code standards}, comma-separated, for error messages. */
  static String standardSpellings(Spelling[] standards) {
    return Arrays.stream(standards).map(Spelling::spelling).collect(Collectors.joining(", "));
  }

  /**
   * Lists the accepted spellings of an open enumeration, standard ones first, for error messages.
   */
  static String spellings(Spelling[] standards) {
    return standardSpellings(standards) + " or " + CUSTOM_PREFIX + "<name>";
  }
}
