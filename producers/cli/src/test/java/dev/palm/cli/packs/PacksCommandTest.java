package dev.palm.cli.packs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.files.PackFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacksCommandTest {

  @TempDir Path dir;

  /**
   * Runs `palm` in-process with exactly these arguments (the shared runner of the producers'
   * tests).
   */
  static Run palm(String... args) {
    return CliRun.palm(args);
  }

  @Test
  void listShowsTheThreeCanonicalPacksWithTheirSources() {
    Run run = palm("packs", "list");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("mapleverse", "finalverse", "ibank", "built-in");
  }

  @Test
  void showPrintsAFileThatLoadsBackToTheSameConfig() throws Exception {
    for (String format : new String[] {"yaml", "json"}) {
      Run run = palm("packs", "show", "ibank", "--format", format);
      assertThat(run.exitCode()).isZero();
      Path file = dir.resolve("ibank-copy." + format);
      Files.writeString(file, run.out());
      PlatformPackConfig loaded = PackFiles.load(file);
      assertThat(loaded).isEqualTo(PlatformPackConfig.of(new IBankPack()));
    }
  }

  @Test
  void validateAcceptsTheShippedPackFilesWithTheirWarnings() {
    Path packsDir = Path.of("..", "..", "packs").toAbsolutePath().normalize();
    Run run =
        palm(
            "packs",
            "validate",
            packsDir.resolve("mapleverse.yaml").toString(),
            packsDir.resolve("finalverse.yaml").toString(),
            packsDir.resolve("ibank.yaml").toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("MISSING_ENCRYPTION_KEY").contains("valid");
  }

  @Test
  void validateReportsTwoFilesWithOnePackName() throws Exception {
    Path packsDir = Path.of("..", "..", "packs").toAbsolutePath().normalize();
    Path copy = dir.resolve("ibank-copy.yaml");
    Files.copy(packsDir.resolve("ibank.yaml"), copy);
    Run run = palm("packs", "validate", packsDir.resolve("ibank.yaml").toString(), copy.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED.code());
    assertThat(run.out()).contains("DUPLICATE_PACK_NAME", "pack name 'ibank' is also the name of");
  }

  @Test
  void validateReportsAnInvalidPackWithItsCodeAndExitOne() throws Exception {
    Path file = dir.resolve("zero-limit.yaml");
    Files.writeString(
        file,
        "metadata:\n  name: zero-limit\ncapabilities:\n  supports_checkpoints: true\n"
            + "policy:\n  limits:\n    max_concurrent_deployments: 0\n");
    Run run = palm("packs", "validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED.code());
    assertThat(run.out())
        .contains("INVALID", "INVALID_LIMIT", "policy.limits.max_concurrent_deployments");
  }

  @Test
  void validateNamesFileFieldAndLineOfABrokenFile() throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(
        file, "metadata:\n  name: broken\npolicy:\n  limits:\n    max_scale_up: -3\n");
    Run run = palm("packs", "validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(run.err()).contains(file.toString(), "policy.limits.max_scale_up", "line 5");
  }

  @Test
  void conformanceOfAllCanonicalPacksPasses() {
    Run run = palm("packs", "conformance", "--all");
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("✓ CONFORMANT", "3 of 3 pack(s) conformant")
        .doesNotContain("NON-CONFORMANT");
  }

  @Test
  void conformanceOfANonConformantFileExitsOneAndSaysWhy() throws Exception {
    // iBank that auto-releases its holds breaks ibank_no_force_operations.
    PlatformPackConfig ibank = PlatformPackConfig.of(new IBankPack());
    PlatformPackConfig relaxed =
        ibank.toBuilder()
            .policy(
                ibank.policy().toBuilder()
                    .safetyHolds(
                        ibank.policy().safetyHolds().toBuilder()
                            .autoReleaseAfterSecs(java.util.Optional.of(60L))
                            .build())
                    .build())
            .build();
    Path file = dir.resolve("relaxed-ibank.yaml");
    PackFiles.save(relaxed, file);
    Run run = palm("packs", "conformance", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED.code());
    assertThat(run.out())
        .contains("NON-CONFORMANT", "iBank safety holds should never auto-release");
  }

  @Test
  void conformanceJsonIsParseable() throws Exception {
    Run run = palm("packs", "conformance", "mapleverse", "--json");
    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.toString()).contains("mapleverse_throughput_config");
  }

  @Test
  void unknownPackNamesTheKnownOnes() {
    Run run = palm("packs", "conformance", "nope");
    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(run.err()).contains("unknown pack 'nope'", "ibank", "mapleverse");
  }

  @Test
  void badFlagsGiveUsageAndExitTwo() {
    Run run = palm("packs", "conformance", "--bogus");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err())
        .startsWith("palm packs conformance: Unknown option: '--bogus'")
        .contains("Try 'palm packs conformance --help' for the options.")
        .doesNotContain("Usage:");
    // a mistyped flag gets the nearest ones suggested
    Run typo = palm("packs", "conformance", "--al");
    assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(typo.err()).contains("Possible solutions: --all");
    Run noArgs = palm("packs", "conformance");
    assertThat(noArgs.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noArgs.err()).contains("--all");
  }

  @Test
  void packsDirAddsFilePacksAndRejectsDuplicates() throws Exception {
    Path packs = Files.createDirectories(dir.resolve("extra"));
    Files.writeString(
        packs.resolve("tiny.yaml"),
        "metadata:\n  name: tiny\ncapabilities:\n  supports_checkpoints: true\n");
    Run run = palm("packs", "list", "--packs-dir", packs.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("tiny");

    Files.copy(Path.of("..", "..", "packs", "ibank.yaml"), packs.resolve("ibank.yaml"));
    Run dup = palm("packs", "list", "--packs-dir", packs.toString());
    assertThat(dup.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(dup.err()).contains("ibank");
  }
}
