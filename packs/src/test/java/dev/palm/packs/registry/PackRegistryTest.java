package dev.palm.packs.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.TestServicePack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.files.PackFileException;
import dev.palm.packs.spec.AgentSpec;
import dev.palm.packs.spec.ResourceRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackRegistryTest {

  @TempDir Path dir;

  @Test
  void builtinsAreTheThreeCanonicalPacks() throws PackException {
    PackRegistry registry = PackRegistry.builder().withBuiltins().build();
    assertThat(registry.names()).containsExactly("finalverse", "ibank", "mapleverse");
    assertThat(registry.find("ibank")).get().isInstanceOf(IBankPack.class);
    assertThat(registry.entry("ibank").orElseThrow().source())
        .isEqualTo(new PackRegistry.Source.BuiltIn(IBankPack.class.getName()));
    assertThat(registry.find("nope")).isEmpty();
  }

  @Test
  void serviceLoaderFindsRegisteredPacks() throws PackException {
    PackRegistry registry = PackRegistry.standard();
    assertThat(registry.names()).contains("service-test-pack", "ibank");
    PackRegistry.RegisteredPack entry = registry.entry("service-test-pack").orElseThrow();
    assertThat(entry.pack()).isInstanceOf(TestServicePack.class);
    assertThat(entry.source().describe())
        .isEqualTo("service-loaded " + TestServicePack.class.getName());
  }

  @Test
  void directoryPacksBecomePacksWithTheirProfile() throws IOException, PackException {
    Files.writeString(
        dir.resolve("acme.yaml"),
        "metadata: {name: acme}\ncapabilities: {supports_checkpoints: true}\n");
    Files.writeString(
        dir.resolve("bank2.json"), "{\"metadata\": {\"name\": \"bank2\"}, \"profile\": \"ibank\"}");
    Files.writeString(dir.resolve("notes.txt"), "not a pack");
    PackRegistry registry = PackRegistry.builder().withDirectory(dir).build();
    assertThat(registry.names()).containsExactly("acme", "bank2");
    assertThat(registry.find("acme").orElseThrow().profile())
        .isEqualTo(PlatformProfile.custom("acme"));
    assertThat(registry.find("bank2").orElseThrow().profile()).isEqualTo(PlatformProfile.IBANK);
    assertThat(registry.entry("acme").orElseThrow().source())
        .isEqualTo(new PackRegistry.Source.File(dir.resolve("acme.yaml")));
    assertThat(registry.packs())
        .extracting(PackRegistry.RegisteredPack::name)
        .containsExactly("acme", "bank2");
  }

  @Test
  void filePacksValidateAgentSpecs() throws IOException, PackException {
    Files.writeString(dir.resolve("acme.yaml"), "metadata: {name: acme}\n");
    PlatformPack pack =
        PackRegistry.builder().withDirectory(dir).build().find("acme").orElseThrow();
    AgentSpec spec = AgentSpec.create("agent", "1.0.0");
    pack.validateAgentSpec(spec);
    AgentSpec broken =
        spec.withResources(new ResourceRequirements(0, 1, Optional.empty(), Optional.empty()));
    assertThatThrownBy(() -> pack.validateAgentSpec(broken))
        .isInstanceOf(PackException.class)
        .hasMessageContaining("attention_budget must be > 0");
  }

  @Test
  void twoPacksWithOneNameAreAnErrorNamingBothSources() throws IOException {
    Path file = Files.writeString(dir.resolve("my-ibank.yaml"), "metadata: {name: ibank}\n");
    assertThatThrownBy(() -> PackRegistry.builder().withBuiltins().withDirectory(dir).build())
        .isInstanceOf(PackException.class)
        .hasMessageContaining("two packs are named 'ibank'")
        .hasMessageContaining("built-in " + IBankPack.class.getName())
        .hasMessageContaining("file " + file)
        .extracting(e -> ((PackException) e).kind())
        .isEqualTo(PackError.VALIDATION);
  }

  @Test
  void duplicateFilesInOneDirectoryAreAnError() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "metadata: {name: twin}\n");
    Files.writeString(dir.resolve("b.yml"), "metadata: {name: twin}\n");
    assertThatThrownBy(() -> PackRegistry.builder().withDirectory(dir).build())
        .hasMessageContaining("file " + dir.resolve("a.yaml"))
        .hasMessageContaining("file " + dir.resolve("b.yml"));
  }

  @Test
  void duplicateProgrammaticPackIsAnError() {
    assertThatThrownBy(
            () ->
                PackRegistry.builder()
                    .withServiceLoader()
                    .withPack(new TestServicePack(), "test fixture")
                    .build())
        .hasMessageContaining("service-loaded " + TestServicePack.class.getName())
        .hasMessageContaining("test fixture");
  }

  @Test
  void brokenFilesAndMissingDirectoriesFail() throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"), "metadata: {name: x}\npolicy: {limits: {max_scale_up: -1}}\n");
    assertThatThrownBy(() -> PackRegistry.builder().withDirectory(dir).build())
        .isInstanceOf(PackFileException.class)
        .hasMessageContaining("policy.limits.max_scale_up (line 2");
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> PackRegistry.builder().withDirectory(missing).build())
        .isInstanceOf(PackException.class)
        .hasMessageContaining(missing + " does not exist")
        .extracting(e -> ((PackException) e).kind())
        .isEqualTo(PackError.IO);
  }
}
