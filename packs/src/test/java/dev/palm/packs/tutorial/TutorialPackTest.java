package dev.palm.packs.tutorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.ProbeSettings;
import dev.palm.packs.files.PackFiles;
import dev.palm.packs.spec.AgentSpec;
import org.junit.jupiter.api.Test;

class TutorialPackTest {

  @Test
  void tutorialPackHasTheTutorialsValues() throws PackException {
    MyPlatformPack pack = new MyPlatformPack();
    assertThat(pack.metadata().name()).isEqualTo("my-platform");
    assertThat(pack.metadata().author()).as("from ..Default").isEqualTo("Unknown");
    assertThat(pack.policyConfig().humanApproval().approvalTimeoutSecs())
        .as("from ..Default")
        .isEqualTo(3600);
    assertThat(pack.policyConfig().limits().maxScaleDown()).isEqualTo(20);
    assertThat(pack.healthConfig().probes().liveness())
        .isEqualTo(new ProbeSettings(true, 10, 15, 3, 1));
    assertThat(pack.healthConfig().resonance().attentionExhaustionThreshold())
        .as("from ..Default")
        .isEqualTo(0.9);
    assertThat(pack.capabilities().maxTotalInstances()).contains(10_000);
    pack.validateAgentSpec(AgentSpec.create("agent", "1.0.0"));
    assertThatThrownBy(() -> pack.validateAgentSpec(AgentSpec.create("", "1.0.0")))
        .hasMessage("Agent name cannot be empty");
  }

  @Test
  void tutorialPackPrintsAndLoadsBack() throws PackException {
    PlatformPackConfig config = PlatformPackConfig.of(new MyPlatformPack());
    PlatformPackConfig loaded = PackFiles.fromYaml(PackFiles.toYaml(config), "my-platform.yaml");
    assertThat(loaded).isEqualTo(config);
    assertThat(loaded.toPack().profile()).isEqualTo(new MyPlatformPack().profile());
  }
}
