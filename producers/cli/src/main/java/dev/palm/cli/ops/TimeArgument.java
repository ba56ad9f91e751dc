package dev.palm.cli.ops;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses the times of {@code --from}, {@code --to} and similar flags: {@code now}; ISO-8601
 * instants ({@code 2026-03-01T12:00:00Z}) or date-times with an offset ({@code
 * 2026-03-01T14:00:00+02:00}); date-times without offset ({@code 2026-03-01T12:00}, taken as UTC);
 * dates ({@code 2026-03-01}, midnight UTC); and times relative to now ({@code -90s}, {@code -15m},
 * {@code -1h}, {@code -2d}, {@code -1w}, or an ISO duration such as {@code -PT1H30M}).
 */
public final class TimeArgument implements ITypeConverter<Instant> {

  /** The forms accepted, for help texts. */
  public static final String FORMS =
      "now, -30s/-15m/-1h/-2d/-1w (ago), 2026-03-01 (UTC midnight), 2026-03-01T12:00 (UTC),"
          + " 2026-03-01T12:00:00Z or +02:00";

  private static final Pattern RELATIVE = Pattern.compile("-(\\d+)([smhdw])");

  private final Clock clock;

  /** A converter relative to the system clock (what picocli instantiates). */
  public TimeArgument() {
    this(Clock.systemUTC());
  }

  /** A converter relative to {@code clock}. */
  public TimeArgument(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(String value) {
    return parse(value, clock.instant());
  }

  /**
   * Parses one time relative to {@code now}.
   *
   * @throws TypeConversionException naming the value and the accepted forms
   */
  public static Instant parse(String value, Instant now) {
    String text = value.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("now")) {
      return now;
    }
    Matcher relative = RELATIVE.matcher(lower);
    try {
      if (relative.matches()) {
        long amount = Long.parseLong(relative.group(1));
        Duration unit =
            switch (relative.group(2)) {
              case "s" -> Duration.ofSeconds(1);
              case "m" -> Duration.ofMinutes(1);
              case "h" -> Duration.ofHours(1);
              case "d" -> Duration.ofDays(1);
              default -> Duration.ofDays(7);
            };
        return now.minus(unit.multipliedBy(amount));
      }
      if (lower.startsWith("-p")) {
        return now.minus(Duration.parse(text.substring(1)));
      }
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (text.endsWith("Z") || text.endsWith("z")) {
        return Instant.parse(text.toUpperCase(Locale.ROOT));
      }
      if (text.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a time; use " + FORMS);
    }
  }
}
