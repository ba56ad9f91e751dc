package dev.palm.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ArgumentsTest {

  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

  @Test
  void timesAcceptInstantsOffsetsLocalTimesDatesAndRelativeForms() {
    assertThat(TimeArgument.parse("now", NOW)).isEqualTo(NOW);
    assertThat(TimeArgument.parse("2026-03-01T10:00:00Z", NOW))
        .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(TimeArgument.parse("2026-03-01T12:00:00+02:00", NOW))
        .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(TimeArgument.parse("2026-03-01T10:00", NOW))
        .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(TimeArgument.parse("2026-03-01", NOW))
        .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(TimeArgument.parse("-90s", NOW)).isEqualTo(NOW.minusSeconds(90));
    assertThat(TimeArgument.parse("-15m", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
    assertThat(TimeArgument.parse("-1h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(TimeArgument.parse("-2d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(2)));
    assertThat(TimeArgument.parse("-1w", NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(TimeArgument.parse("-PT1H30M", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
  }

  @Test
  void badTimesNameTheValueAndTheAcceptedForms() {
    for (String bad :
        new String[] {"yesterday", "2026-13-01", "-1y", "1h", "-99999999999999999999d"}) {
      assertThatThrownBy(() -> TimeArgument.parse(bad, NOW))
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("'" + bad + "' is not a time")
          .hasMessageContaining("-1h");
    }
  }

  @Test
  void durationsAcceptUnitsBareSecondsAndIsoForms() {
    assertThat(DurationArgument.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationArgument.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationArgument.parse("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(DurationArgument.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationArgument.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationArgument.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationArgument.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> DurationArgument.parse("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'soon' is not a duration");
    assertThatThrownBy(() -> DurationArgument.parse("-PT1S")).hasMessageContaining("negative");
  }
}
