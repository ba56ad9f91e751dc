package dev.palm.packs.conformance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * Formats durations for reports: short human text ("1.234ms", "30s") and fractional milliseconds
 * for JSON.
 */
final class Durations {

  private Durations() {}

  /** Like Rust's Debug form of a Duration: the largest unit that keeps the number at least 1. */
  static String human(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos < 1_000L) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000L) {
      return trim(nanos / 1_000.0) + "µs";
    }
    if (nanos < 1_000_000_000L) {
      return trim(nanos / 1_000_000.0) + "ms";
    }
    return trim(nanos / 1_000_000_000.0) + "s";
  }

  /** The duration in milliseconds, rounded to microseconds, for JSON. */
  static BigDecimal millis(Duration duration) {
    return BigDecimal.valueOf(duration.toNanos())
        .movePointLeft(6)
        .setScale(3, RoundingMode.HALF_UP);
  }

  private static String trim(double value) {
    String text = String.format(Locale.ROOT, "%.3f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
