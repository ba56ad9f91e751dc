package dev.palm.packs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.SemVer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentSpecTest {

  @Test
  void createGeneratesAnIdAndUsesDefaults() {
    AgentSpec spec = AgentSpec.create("test-agent", "1.0.0");
    assertThat(UUID.fromString(spec.id().value())).isNotNull();
    assertThat(AgentSpec.create("test-agent", "1.0.0").id()).isNotEqualTo(spec.id());
    assertThat(spec.version()).isEqualTo(SemVer.of(1, 0, 0));
    assertThat(spec.platform()).isEqualTo(PlatformProfile.MAPLEVERSE);
    assertThat(spec.resonatorProfile().riskTolerance()).isEqualTo(RiskTolerance.BALANCED);
    assertThat(spec.resonatorProfile().autonomyLevel()).isEqualTo(AutonomyLevel.GUIDED_AUTONOMY);
    assertThat(spec.resources())
        .isEqualTo(new ResourceRequirements(10_000, 100, Optional.empty(), Optional.empty()));
    assertThat(spec.health().readiness().probeType())
        .isEqualTo(new ProbeType.PresenceGradient(0.5));
    assertThat(spec.health().readiness().period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(spec.health().liveness().probeType()).isEqualTo(new ProbeType.PresenceGradient(0.3));
    assertThat(spec.health().liveness().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(spec.health().startup()).isEmpty();
    assertThat(spec.capabilities()).isEmpty();
    assertThat(spec.validate()).isEmpty();
    assertThatThrownBy(() -> AgentSpec.create("x", "1.0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyNameIsRejected() {
    AgentSpec spec = AgentSpec.create("", "1.0.0");
    assertThat(spec.validate()).contains(new SpecValidationError.EmptyName());
    assertThatThrownBy(spec::requireValid)
        .isInstanceOf(PackException.class)
        .hasMessageContaining("Agent name cannot be empty")
        .extracting(e -> ((PackException) e).kind())
        .isEqualTo(PackError.INCOMPATIBLE_SPEC);
  }

  @Test
  void zeroAttentionBudgetOrCouplingSlotsAreRejected() {
    AgentSpec spec = AgentSpec.create("agent", "1.0.0");
    assertThat(
            spec.withResources(new ResourceRequirements(0, 5, Optional.empty(), Optional.empty()))
                .validate())
        .contains(
            new SpecValidationError.InvalidResourceRequirements("attention_budget must be > 0"));
    assertThat(
            spec.withResources(new ResourceRequirements(5, 0, Optional.empty(), Optional.of(100)))
                .validate()
                .map(SpecValidationError::message))
        .contains("Invalid resource requirements: coupling_slots must be > 0");
  }

  @Test
  void validSpecPasses() throws PackException {
    AgentSpec spec =
        AgentSpec.create("agent", SemVer.parseStrict("2.1.0-beta.1"))
            .withPlatform(PlatformProfile.IBANK);
    spec.requireValid();
    assertThat(spec.platform()).isEqualTo(PlatformProfile.IBANK);
  }
}
