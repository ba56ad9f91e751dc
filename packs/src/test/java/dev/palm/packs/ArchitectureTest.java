package dev.palm.packs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The subpackages of the pack module (canonical, files, validation, conformance, registry, spec)
 * depend on each other without cycles (docs/architecture.md §2). The root package, the contract
 * itself, is not a slice: it and {@code spec} know each other by design ({@code
 * PlatformPack.validateAgentSpec} takes an {@code AgentSpec}).
 */
@AnalyzeClasses(packages = "dev.palm.packs", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.palm.packs.(*)..").should().beFreeOfCycles();
}
