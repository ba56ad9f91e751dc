package dev.palm.packs.spec;

import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.SemVer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The template of an agent deployment, which a pack's {@code validateAgentSpec} receives.
 *
 * <p>Validation: {@link #validate()} returns the first problem, if any, as in the original's {@code
 * Result<(), SpecValidationError>}; {@link #requireValid()} turns it into a {@link PackException}
 * of kind {@link PackError#INCOMPATIBLE_SPEC} for pack code.
 *
 * @param id the unique id
 * @param name the human-readable name
 * @param version the semantic version
 * @param platform the target platform (default {@link PlatformProfile#MAPLEVERSE})
 * @param resonatorProfile the resonator profile
 * @param resources the resource requirements
 * @param health the health probes
 * @param capabilities the capabilities the agent needs
 * @param env environment variables
 * @param metadata additional metadata
 * @param createdAt when the spec was created
 */
public record AgentSpec(
    AgentSpecId id,
    String name,
    SemVer version,
    PlatformProfile platform,
    ResonatorProfileConfig resonatorProfile,
    ResourceRequirements resources,
    HealthConfig health,
    List<CapabilityRef> capabilities,
    Map<String, String> env,
    Map<String, String> metadata,
    Instant createdAt) {

  /** Checks the identity parts and normalises the rest to the defaults. */
  public AgentSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    platform = platform == null ? PlatformProfile.MAPLEVERSE : platform;
    resonatorProfile =
        resonatorProfile == null ? ResonatorProfileConfig.defaults() : resonatorProfile;
    resources = resources == null ? ResourceRequirements.defaults() : resources;
    health = health == null ? HealthConfig.defaults() : health;
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    env = SpecValues.stringMap(env, "env");
    metadata = SpecValues.stringMap(metadata, "metadata");
    createdAt = createdAt == null ? Instant.now() : createdAt;
  }

  /**
   * Creates a spec with a generated UUID id and defaults for everything else ({@code
   * AgentSpec::new}).
   */
  public static AgentSpec create(String name, SemVer version) {
    return new AgentSpec(
        AgentSpecId.generate(),
        name,
        version,
        PlatformProfile.MAPLEVERSE,
        ResonatorProfileConfig.defaults(),
        ResourceRequirements.defaults(),
        HealthConfig.defaults(),
        List.of(),
        Map.of(),
        Map.of(),
        Instant.now());
  }

  /**
   * Creates a spec as {@link #create(String, SemVer)} does, parsing {@code version}.
   *
   * @throws IllegalArgumentException when {@code version} is not a semantic version
   */
  public static AgentSpec create(String name, String version) {
    return create(name, SemVer.parseStrict(version));
  }

  /**
   * Returns the first validation problem: an empty name, or a zero attention budget or coupling
   * slots.
   */
  public Optional<SpecValidationError> validate() {
    if (name.isEmpty()) {
      return Optional.of(new SpecValidationError.EmptyName());
    }
    if (resources.attentionBudget() == 0) {
      return Optional.of(
          new SpecValidationError.InvalidResourceRequirements("attention_budget must be > 0"));
    }
    if (resources.couplingSlots() == 0) {
      return Optional.of(
          new SpecValidationError.InvalidResourceRequirements("coupling_slots must be > 0"));
    }
    return Optional.empty();
  }

  /**
   * Throws when {@link #validate()} finds a problem.
   *
   * @throws PackException of kind {@link PackError#INCOMPATIBLE_SPEC}, naming the spec and the
   *     problem
   */
  public void requireValid() throws PackException {
    Optional<SpecValidationError> problem = validate();
    if (problem.isPresent()) {
      throw new PackException(
          PackError.INCOMPATIBLE_SPEC,
          "agent spec '" + name + "' (" + id + ") is invalid: " + problem.get().message());
    }
  }

  /** Returns a copy with another name. */
  public AgentSpec withName(String newName) {
    return new AgentSpec(
        id,
        newName,
        version,
        platform,
        resonatorProfile,
        resources,
        health,
        capabilities,
        env,
        metadata,
        createdAt);
  }

  /** Returns a copy with other resource requirements. */
  public AgentSpec withResources(ResourceRequirements newResources) {
    return new AgentSpec(
        id,
        name,
        version,
        platform,
        resonatorProfile,
        newResources,
        health,
        capabilities,
        env,
        metadata,
        createdAt);
  }

  /** Returns a copy targeting another platform. */
  public AgentSpec withPlatform(PlatformProfile newPlatform) {
    return new AgentSpec(
        id,
        name,
        version,
        newPlatform,
        resonatorProfile,
        resources,
        health,
        capabilities,
        env,
        metadata,
        createdAt);
  }
}
