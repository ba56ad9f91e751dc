package dev.palm.packs.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palm.packs.BreakingChange;
import dev.palm.packs.ChannelType;
import dev.palm.packs.CompatibilityInfo;
import dev.palm.packs.EscalationConfig;
import dev.palm.packs.NotificationChannel;
import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.PlatformRecoveryConfig;
import dev.palm.packs.RecoveryAction;
import dev.palm.packs.RecoveryActionType;
import dev.palm.packs.ScalingMetric;
import dev.palm.packs.Severity;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.FinalversePack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackFilesTest {

  /** Surefire runs with the module folder as working directory; the shipped files live there. */
  private static final Path MODULE_ROOT = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  private static PlatformPackConfig canonical(String name) {
    return switch (name) {
      case "mapleverse" -> MapleversePack.presetConfig();
      case "finalverse" -> FinalversePack.presetConfig();
      case "ibank" -> IBankPack.presetConfig();
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"mapleverse", "finalverse", "ibank"})
  void shippedFileEqualsPackClass(String name) throws PackException {
    PlatformPackConfig fromFile = PackFiles.load(MODULE_ROOT.resolve(name + ".yaml"));
    // Equality includes created_at/updated_at: both sides use CanonicalPack.PRESET_TIMESTAMP.
    assertThat(fromFile).isEqualTo(canonical(name));
    assertThat(fromFile.metadata().createdAt()).isEqualTo(CanonicalPack.PRESET_TIMESTAMP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mapleverse", "finalverse", "ibank"})
  void shippedFileIsOnTheClassPath(String name) throws IOException, PackException {
    try (InputStream in = CanonicalPack.class.getResourceAsStream(name + ".yaml")) {
      assertThat(in).as("classpath resource %s.yaml", name).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(PackFiles.fromYaml(text, name + ".yaml")).isEqualTo(canonical(name));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mapleverse", "finalverse", "ibank"})
  void printedPacksLoadBackEqual(String name) throws PackException {
    PlatformPackConfig config = canonical(name);
    assertThat(PackFiles.fromYaml(PackFiles.toYaml(config), "printed.yaml")).isEqualTo(config);
    assertThat(PackFiles.fromJson(PackFiles.toJson(config), "printed.json")).isEqualTo(config);
  }

  @Test
  void unusualValuesRoundTrip() throws PackException {
    PlatformPackConfig config =
        PlatformPackConfig.builder()
            .metadata(
                PlatformMetadata.builder()
                    .name("acme")
                    .version("1.0")
                    .description("true")
                    .author("null")
                    .license("yes: no # not a comment")
                    .keywords(List.of("007", "1e3", "~", "- dash", ""))
                    .compatibility(
                        CompatibilityInfo.builder()
                            .maxPalmVersion("2.0.0")
                            .breakingChanges(
                                List.of(
                                    new BreakingChange(
                                        "1.0.0", "renamed", Optional.of("see docs"))))
                            .build())
                    .createdAt(Instant.parse("2024-02-29T12:34:56.789Z"))
                    .updatedAt(Instant.parse("2024-03-01T00:00:00Z"))
                    .extra(
                        Map.of(
                            "list",
                            List.of(1, 2.5, "x", true),
                            "nested",
                            Map.of("big", 12345678901L)))
                    .build())
            .recovery(
                PlatformRecoveryConfig.builder()
                    .escalation(
                        EscalationConfig.builder()
                            .channels(
                                List.of(
                                    new NotificationChannel(
                                        "ops",
                                        ChannelType.custom("matrix"),
                                        "https://chat.example/hook?a=b&c=d",
                                        Severity.CRITICAL)))
                            .build())
                    .build())
            .capabilities(
                PlatformCapabilities.builder()
                    .maxTotalInstances(Integer.MAX_VALUE)
                    .custom(Map.of("gpu", true))
                    .build())
            .profile(PlatformProfile.custom("acme-platform"))
            .extensions(
                PackExtensions.builder()
                    .approvers(List.of("alice", "bob"))
                    .approvalsRequired(2)
                    .actorKeys(Map.of("alice", "MCowBQYDK2VwAyEA/base64+key="))
                    .build())
            .build();
    config =
        config.toBuilder()
            .resources(
                config.resources().toBuilder()
                    .scaling(
                        config.resources().scaling().toBuilder()
                            .scalingMetric(ScalingMetric.custom("gpu_load"))
                            .build())
                    .build())
            .build();
    String yaml = PackFiles.toYaml(config);
    assertThat(PackFiles.fromYaml(yaml, "unusual.yaml")).isEqualTo(config);
    assertThat(PackFiles.fromJson(PackFiles.toJson(config), "unusual.json")).isEqualTo(config);
    assertThat(yaml)
        .contains("profile: custom:acme-platform")
        .contains("scaling_metric: custom:gpu_load");
  }

  @Test
  void omittedFieldsTakeTheirDefaults() throws PackException {
    String yaml =
        """
                # The tutorial's pack, short form.
                metadata:
                  name: my-platform
                  version: 0.1.0
                  description: My custom platform pack
                policy:
                  human_approval:
                    always_required: [delete_deployment]
                  limits: {max_concurrent_deployments: 100, max_scale_up: 50, max_scale_down: 20, rate_limit_per_minute: 60}
                capabilities:
                  max_total_instances: 10000
                  supports_human_approval: true
                  supports_checkpoints: true
                """;
    PlatformPackConfig config = PackFiles.fromYaml(yaml, "my-platform.yaml");
    assertThat(config.metadata().name()).isEqualTo("my-platform");
    assertThat(config.metadata().author()).isEqualTo("Unknown");
    assertThat(config.policy().humanApproval().alwaysRequired())
        .containsExactly("delete_deployment");
    assertThat(config.policy().humanApproval().approvalTimeoutSecs()).isEqualTo(3600);
    assertThat(config.policy().limits().maxScaleDown()).isEqualTo(20);
    assertThat(config.health()).isEqualTo(PlatformPackConfig.defaults().health());
    assertThat(config.capabilities().maxTotalInstances()).contains(10_000);
    assertThat(config.capabilities().maxDeployments()).isEmpty();
    assertThat(config.profile()).isEmpty();
    assertThat(config.toPack().profile()).isEqualTo(PlatformProfile.custom("my-platform"));
    assertThat(config.extensions()).isEqualTo(PackExtensions.defaults());
  }

  @Test
  void loadsJsonFilesAndProfilesAndExtensions() throws PackException, IOException {
    Path file =
        write(
            "bank.json",
            """
                {"metadata": {"name": "bank2"}, "profile": "ibank",
                 "recovery": {"auto_recovery": {"recovery_actions": [
                    {"name": "page", "action_type": "custom:pager", "order": 2, "params": {"level": 3}}]}},
                 "extensions": {"approvers": ["carol"], "allow_self_approval": true, "reconciliation_window_secs": 60}}
                """);
    PlatformPackConfig config = PackFiles.load(file);
    assertThat(config.profile()).contains(PlatformProfile.IBANK);
    assertThat(config.recovery().autoRecovery().recoveryActions())
        .containsExactly(
            new RecoveryAction(
                "page", RecoveryActionType.custom("pager"), 2, List.of(), Map.of("level", 3L)));
    assertThat(config.extensions().approvers()).containsExactly("carol");
    assertThat(config.extensions().allowSelfApproval()).isTrue();
    assertThat(config.extensions().reconciliationWindowSecs()).isEqualTo(60);
    assertThat(config.extensions().approvalsRequired()).isEqualTo(1);
  }

  @Test
  void savedFilesLoadBack() throws PackException {
    Path yaml = dir.resolve("saved.yml");
    Path json = dir.resolve("saved.json");
    PackFiles.save(IBankPack.presetConfig(), yaml);
    PackFiles.save(IBankPack.presetConfig(), json);
    assertThat(PackFiles.load(yaml)).isEqualTo(IBankPack.presetConfig());
    assertThat(PackFiles.load(json)).isEqualTo(IBankPack.presetConfig());
  }

  // ---- broken files: each names the file, the field path and the line ----

  @Test
  void syntaxError() throws IOException {
    Path file =
        write(
            "syntax.yaml",
            """
                metadata:
                  name: broken
                policy:
                  limits: {max_scale_up: 5
                  safety_holds: {}
                """);
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage()).contains("syntax error").contains("YAML");
    assertThat(e.problems().get(0).line()).isPresent();
    assertThat(e.problems().get(0).path()).startsWith("policy.limits");
  }

  @Test
  void jsonSyntaxError() throws IOException {
    Path file = write("syntax.json", "{\n  \"metadata\": {\"name\": \"x\",}\n}\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage()).contains("syntax error").contains("JSON").contains("line 2");
    assertThat(e.problems().get(0).path()).startsWith("metadata");
  }

  @Test
  void unknownFieldSuggestsTheRightOne() throws IOException {
    Path file =
        write(
            "unknown.yaml",
            """
                metadata:
                  name: x
                policy:
                  limits:
                    max_scaleup: 5
                """);
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("policy.limits.max_scaleup (line 5, column 5)")
        .contains("unknown field 'max_scaleup'")
        .contains("did you mean 'max_scale_up'?")
        .contains(
            "max_concurrent_deployments, max_scale_up, max_scale_down, rate_limit_per_minute");
  }

  @Test
  void unknownTopLevelSection() throws IOException {
    Path file = write("section.yaml", "metadata: {name: x}\npolcy: {}\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("polcy (line 2, column 1)")
        .contains("did you mean 'policy'?");
  }

  @Test
  void wrongTypeForANumber() throws IOException {
    Path file =
        write(
            "type.yaml",
            """
                policy:
                  limits:
                    max_scale_up: fifty
                """);
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("policy.limits.max_scale_up (line 3, column 19)")
        .contains("expected a whole number (0 or more) but found the text \"fifty\"");
  }

  @Test
  void negativeLimit() throws IOException {
    Path file =
        write(
            "negative.yaml",
            """
                policy:
                  limits:
                    max_scale_up: -5
                """);
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.getMessage())
        .contains("policy.limits.max_scale_up (line 3, column 19)")
        .contains("must not be negative (got -5)")
        .contains("use 0 or a positive whole number");
  }

  @Test
  void aPackWithoutMetadataIsInvalid() throws IOException {
    Path file = write("anonymous.yaml", "capabilities:\n  supports_checkpoints: true\n");
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.problems()).extracting(PackFileProblem::path).containsExactly("metadata");
    assertThat(e.getMessage()).contains("the pack has no metadata");
  }

  @Test
  void negativeOptionalLimitAndLongField() throws IOException {
    Path file =
        write(
            "negative2.yaml",
            """
                capabilities:
                  max_total_instances: -1
                health:
                  check_interval_secs: -30
                metadata: {name: negative, version: 0.1.0}
                """);
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.problems())
        .extracting(PackFileProblem::path)
        .containsExactly("capabilities.max_total_instances", "health.check_interval_secs");
    assertThat(e.getMessage()).contains("2 problems").contains("line 2").contains("line 4");
  }

  @Test
  void valueTooLargeForAnUnsignedInt() throws IOException {
    Path file = write("large.yaml", "policy:\n  limits:\n    rate_limit_per_minute: 5000000000\n");
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.getMessage())
        .contains("policy.limits.rate_limit_per_minute (line 3")
        .contains("too large");
  }

  @Test
  void fractionForAWholeNumber() throws IOException {
    Path file = write("fraction.yaml", "policy:\n  limits:\n    max_concurrent_deployments: 1.5\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("policy.limits.max_concurrent_deployments (line 3")
        .contains("found the number 1.5");
  }

  @Test
  void unknownEnumValue() throws IOException {
    Path file =
        write(
            "enum.yaml",
            """
                state:
                  checkpoint:
                    compression: zstdd
                """);
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.getMessage())
        .contains("state.checkpoint.compression (line 3, column 18)")
        .contains("unknown value 'zstdd'")
        .contains("did you mean 'zstd'?")
        .contains("none, gzip, zstd, lz4, snappy");
  }

  @Test
  void unknownOpenEnumValue() throws IOException {
    Path file = write("metric.yaml", "resources:\n  scaling:\n    scaling_metric: gpu\n");
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.getMessage())
        .contains("resources.scaling.scaling_metric (line 3")
        .contains("or custom:<name>");
  }

  @Test
  void unknownProfile() throws IOException {
    Path file = write("profile.yaml", "metadata: {name: x}\nprofile: bank\n");
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.getMessage())
        .contains("profile (line 2, column 10)")
        .contains("mapleverse, finalverse, ibank, development or custom:<name>");
  }

  @Test
  void textForABoolean() throws IOException {
    Path file = write("bool.yaml", "policy:\n  safety_holds:\n    enabled: \"yes\"\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("policy.safety_holds.enabled (line 3")
        .contains("expected true or false");
  }

  @Test
  void numberForText() throws IOException {
    Path file = write("version.yaml", "metadata:\n  name: x\n  version: 1.0\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("metadata.version (line 3, column 12)")
        .contains("put it in quotes, e.g. \"1.0\"");
  }

  @Test
  void scalarWhereASectionBelongs() throws IOException {
    Path file = write("section-type.yaml", "metadata: {name: x}\npolicy: 5\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("policy (line 2, column 9)")
        .contains("expected a mapping of PlatformPolicyConfig fields");
  }

  @Test
  void mappingWhereAListBelongs() throws IOException {
    Path file = write("list.yaml", "policy:\n  safety_holds:\n    blocked_operations: scale\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("policy.safety_holds.blocked_operations (line 3")
        .contains("expected a list");
  }

  @Test
  void duplicateKey() throws IOException {
    Path file =
        write(
            "duplicate.yaml",
            """
                metadata:
                  name: x
                policy:
                  limits:
                    max_scale_up: 5
                    max_scale_up: 500
                """);
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage())
        .contains("policy.limits.max_scale_up (line 6, column 5)")
        .contains("duplicate key 'max_scale_up' (first written at line 5)");
  }

  @Test
  void missingRequiredFieldOfAListElement() throws IOException {
    Path file =
        write(
            "element.yaml",
            """
                metadata: {name: element, version: 0.1.0}
                recovery:
                  auto_recovery:
                    recovery_actions:
                      - name: restart
                        action_type: restart
                      - order: 2
                """);
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.problems())
        .extracting(PackFileProblem::path)
        .containsExactly(
            "recovery.auto_recovery.recovery_actions[1].action_type",
            "recovery.auto_recovery.recovery_actions[1].name");
    assertThat(e.getMessage()).contains("line 7").contains("missing required field 'name'");
  }

  @Test
  void badTimestamp() throws IOException {
    Path file = write("time.yaml", "metadata:\n  name: x\n  created_at: yesterday\n");
    PackFileException e = failsWith(file, PackError.VALIDATION);
    assertThat(e.getMessage())
        .contains("metadata.created_at (line 3")
        .contains("not an ISO-8601 timestamp");
  }

  @Test
  void emptyFile() throws IOException {
    Path file = write("empty.yaml", "# only a comment\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage()).contains(file.toString()).contains("the file is empty");
  }

  @Test
  void moreThanOneDocument() throws IOException {
    Path file = write("two.yaml", "metadata: {name: a}\n---\nmetadata: {name: b}\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage()).contains("more than one document").contains("line 3");
  }

  @Test
  void everyProblemIsReportedAtOnce() throws IOException {
    Path file =
        write(
            "many.yaml",
            """
                metadata:
                  nme: x
                state:
                  retention:
                    audit_retention_days: -1
                  serialization:
                    integrity_algorithm: md5
                """);
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.problems())
        .extracting(PackFileProblem::path)
        .containsExactly(
            "metadata.nme",
            "state.retention.audit_retention_days",
            "state.serialization.integrity_algorithm");
    assertThat(e.problems()).extracting(p -> p.line().orElseThrow()).containsExactly(2, 5, 7);
  }

  @Test
  void missingFileIsAnIoError() {
    Path file = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> PackFiles.load(file))
        .isInstanceOf(PackException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("does not exist")
        .extracting(t -> ((PackException) t).kind())
        .isEqualTo(PackError.IO);
  }

  @Test
  void unsupportedExtension() throws IOException {
    Path file = write("pack.txt", "metadata: {name: x}\n");
    PackFileException e = failsWith(file, PackError.CONFIG_PARSE);
    assertThat(e.getMessage()).contains(file.toString()).contains("*.yaml, *.yml or *.json");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static PackFileException failsWith(Path file, PackError kind) {
    PackFileException e = catchThrowableOfType(PackFileException.class, () -> PackFiles.load(file));
    assertThat(e).as("loading %s should fail", file).isNotNull();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).startsWith("invalid pack file " + file);
    assertThat(e.source()).isEqualTo(file.toString());
    return e;
  }
}
