package dev.palm.streams;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages of this module (the sample workload, the benchmarks) depend on each other without
 * cycles (docs/architecture.md §2); the pipeline's own jars are checked in their module.
 */
@AnalyzeClasses(
    packages = {"dev.palm.streams.sample", "dev.palm.streams.bench"},
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.palm.streams.(*)..").should().beFreeOfCycles();
}
