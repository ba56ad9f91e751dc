package dev.palm.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

  @Test
  void parsesStrictVersions() {
    assertThat(SemVer.parse("1.2.3")).contains(SemVer.of(1, 2, 3));
    SemVer full = SemVer.parse("1.0.0-alpha.1+build.5").orElseThrow();
    assertThat(full.preRelease()).containsExactly("alpha", "1");
    assertThat(full.build()).containsExactly("build", "5");
    assertThat(full).hasToString("1.0.0-alpha.1+build.5");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2",
        "1.2.3.4",
        "v1.2.3",
        "01.2.3",
        "1.2.3-",
        "1.2.3-01",
        "1.2.3+",
        "a.b.c",
        "1.2.3-al..pha",
        " 1.2.3"
      })
  void rejectsInvalidVersions(String text) {
    assertThat(SemVer.parse(text)).isEmpty();
  }

  @Test
  void ordersBySemverPrecedence() {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "2.0.0");
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(SemVer.parseStrict(ordered.get(i - 1)))
          .isLessThan(SemVer.parseStrict(ordered.get(i)));
    }
    assertThat(SemVer.parseStrict("1.0.0+a")).isGreaterThan(SemVer.parseStrict("1.0.0"));
    assertThatThrownBy(() -> SemVer.parseStrict("1.0")).hasMessageContaining("MAJOR.MINOR.PATCH");
  }

  @Test
  void compatibilityFollowsTheReferenceRules() {
    CompatibilityInfo minOnly = CompatibilityInfo.builder().minPalmVersion("0.2.0").build();
    assertThat(minOnly.isCompatibleWithPalm("0.2.0")).as("min is inclusive").isTrue();
    assertThat(minOnly.isCompatibleWithPalm("9.0.0")).as("no max").isTrue();
    assertThat(minOnly.isCompatibleWithPalm("0.1.9")).as("below min").isFalse();
    assertThat(minOnly.isCompatibleWithPalm("0.2.0-rc.1")).as("pre-release sorts before").isFalse();
    assertThat(minOnly.isCompatibleWithPalm("latest")).as("unparsable version").isFalse();

    CompatibilityInfo bounded = minOnly.toBuilder().maxPalmVersion("1.0.0").build();
    assertThat(bounded.isCompatibleWithPalm("1.0.0")).as("max is inclusive").isTrue();
    assertThat(bounded.isCompatibleWithPalm("1.0.1")).as("above max").isFalse();

    CompatibilityInfo badMax = minOnly.toBuilder().maxPalmVersion("one").build();
    assertThat(badMax.isCompatibleWithPalm("5.0.0")).as("unparsable max is ignored").isTrue();

    CompatibilityInfo badMin = CompatibilityInfo.builder().minPalmVersion("zero").build();
    assertThat(badMin.isCompatibleWithPalm("1.0.0")).as("unparsable min").isFalse();
  }
}
