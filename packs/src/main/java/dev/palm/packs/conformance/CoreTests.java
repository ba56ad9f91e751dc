package dev.palm.packs.conformance;

import dev.palm.packs.PackException;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformStateConfig;
import dev.palm.packs.validation.PackValidator;
import dev.palm.packs.validation.ValidationError;
import dev.palm.packs.validation.ValidationResult;
import dev.palm.packs.validation.ValidationWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Core category of docs/pack-contract.md §5.2: tests every pack must pass whatever its profile.
 */
final class CoreTests {

  private CoreTests() {}

  static List<ConformanceCheck> all() {
    return List.of(
        new ConformanceCheck(
            "metadata_completeness", TestCategory.CORE, CoreTests::metadataCompleteness),
        new ConformanceCheck("config_validity", TestCategory.CORE, CoreTests::configValidity),
        new ConformanceCheck(
            "capability_consistency", TestCategory.CORE, CoreTests::capabilityConsistency),
        new ConformanceCheck(
            "lifecycle_callbacks", TestCategory.CORE, CoreTests::lifecycleCallbacks),
        new ConformanceCheck("profile_matches", TestCategory.CORE, CoreTests::profileMatches));
  }

  static CheckOutcome metadataCompleteness(PlatformPack pack) {
    PlatformMetadata metadata = pack.metadata();
    List<String> errors = new ArrayList<>();
    if (metadata.name().isEmpty()) {
      errors.add("metadata.name is empty");
    }
    if (metadata.version().isEmpty()) {
      errors.add("metadata.version is empty");
    }
    if (metadata.compatibility().minPalmVersion().isEmpty()) {
      errors.add("metadata.min_palm_version is empty");
    }
    return CheckOutcome.failIfAny(errors);
  }

  static CheckOutcome configValidity(PlatformPack pack) {
    ValidationResult validation = PackValidator.validate(PlatformPackConfig.of(pack));
    if (!validation.valid()) {
      return CheckOutcome.fail(
          String.join("; ", validation.errors().stream().map(ValidationError::message).toList()));
    }
    CheckOutcome outcome = CheckOutcome.pass();
    for (ValidationWarning warning : validation.warnings()) {
      outcome = outcome.withWarning(warning.message());
    }
    return outcome;
  }

  static CheckOutcome capabilityConsistency(PlatformPack pack) {
    PlatformCapabilities caps = pack.capabilities();
    PlatformStateConfig state = pack.stateConfig();
    PlatformPolicyConfig policy = pack.policyConfig();
    List<String> errors = new ArrayList<>();
    if (!caps.supportsMigration() && state.migration().enableLiveMigration()) {
      errors.add("Migration enabled in config but not in capabilities");
    }
    if (!caps.supportsCheckpoints() && state.checkpoint().autoCheckpoint()) {
      errors.add("Auto-checkpoint enabled but checkpoints not supported");
    }
    if (!caps.supportsHumanApproval() && !policy.humanApproval().alwaysRequired().isEmpty()) {
      errors.add("Human approval required but not supported");
    }
    return CheckOutcome.failIfAny(errors);
  }

  static CheckOutcome lifecycleCallbacks(PlatformPack pack) {
    try {
      pack.onLoad();
    } catch (PackException e) {
      return CheckOutcome.fail("on_load failed: " + e.getMessage());
    }
    try {
      pack.onUnload();
    } catch (PackException e) {
      return CheckOutcome.fail("on_unload failed: " + e.getMessage());
    }
    return CheckOutcome.pass();
  }

  static CheckOutcome profileMatches(PlatformPack pack) {
    String profile = Profiles.debugName(pack.profile());
    String name = pack.metadata().name();
    String profileLower = profile.toLowerCase(Locale.ROOT);
    String nameLower = name.toLowerCase(Locale.ROOT);
    // Always passes: a name unrelated to the profile is only worth a warning.
    if (nameLower.contains(profileLower) || profileLower.contains(nameLower)) {
      return CheckOutcome.pass();
    }
    return CheckOutcome.pass()
        .withWarning("Profile " + profile + " may not match metadata name '" + name + "'");
  }
}
