package dev.palm.cli.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations of flags such as {@code --wait}: {@code 500ms}, {@code 30s}, {@code 5m}, {@code
 * 1h}, {@code 2d}, a bare number of seconds, or an ISO-8601 duration ({@code PT1M30S}).
 */
public final class DurationArgument implements ITypeConverter<Duration> {

  /** The forms accepted, for help texts. */
  public static final String FORMS = "500ms, 30s, 5m, 1h, 2d, a number of seconds, or PT1M30S";

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses one duration.
   *
   * @throws TypeConversionException naming the value and the accepted forms
   */
  public static Duration parse(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE.matcher(text);
    try {
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "s" : simple.group(2);
        return switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      Duration parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
      if (parsed.isNegative()) {
        throw new TypeConversionException(
            "'" + value + "' is negative; a duration must be positive");
      }
      return parsed;
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; use " + FORMS);
    }
  }
}
