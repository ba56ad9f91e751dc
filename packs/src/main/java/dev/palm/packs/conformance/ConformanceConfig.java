package dev.palm.packs.conformance;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ConformanceRunner} runs and how: which categories, the time limit of each test,
 * whether to go on after a failure, and whether the text report shows extra detail.
 *
 * <p>Unlike the original runner, which ignored the last three settings, this runner honours all of
 * them.
 *
 * @param runCore run the Core tests (default true)
 * @param runBehavioral run the Behavioral tests (default true)
 * @param runPlatformSpecific run the tests of the pack's profile (default true)
 * @param testTimeout time limit of each single test; a test that takes longer fails (default 30 s)
 * @param continueOnFailure when false, the tests after the first failure are reported as skipped
 *     (default true)
 * @param verbose when true, the text report also shows the configuration and every test's details
 *     (default false)
 */
public record ConformanceConfig(
    boolean runCore,
    boolean runBehavioral,
    boolean runPlatformSpecific,
    Duration testTimeout,
    boolean continueOnFailure,
    boolean verbose) {

  /** The default time limit of each test. */
  public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(30);

  /** Rejects a missing, zero or negative timeout, which would fail every test. */
  public ConformanceConfig {
    Objects.requireNonNull(testTimeout, "testTimeout");
    if (testTimeout.isZero() || testTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "ConformanceConfig.testTimeout must be positive, got "
              + testTimeout
              + "; use e.g. Duration.ofSeconds(30)");
    }
  }

  /** The defaults: every category, 30 s per test, continue on failure, not verbose. */
  public ConformanceConfig() {
    this(true, true, true, DEFAULT_TEST_TIMEOUT, true, false);
  }

  /** The defaults; same as {@code new ConformanceConfig()}. */
  public static ConformanceConfig defaults() {
    return new ConformanceConfig();
  }

  /** A builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** This configuration with {@code runCore} replaced. */
  public ConformanceConfig withRunCore(boolean value) {
    return toBuilder().runCore(value).build();
  }

  /** This configuration with {@code runBehavioral} replaced. */
  public ConformanceConfig withRunBehavioral(boolean value) {
    return toBuilder().runBehavioral(value).build();
  }

  /** This configuration with {@code runPlatformSpecific} replaced. */
  public ConformanceConfig withRunPlatformSpecific(boolean value) {
    return toBuilder().runPlatformSpecific(value).build();
  }

  /** This configuration with {@code testTimeout} replaced. */
  public ConformanceConfig withTestTimeout(Duration value) {
    return toBuilder().testTimeout(value).build();
  }

  /** This configuration with {@code continueOnFailure} replaced. */
  public ConformanceConfig withContinueOnFailure(boolean value) {
    return toBuilder().continueOnFailure(value).build();
  }

  /** This configuration with {@code verbose} replaced. */
  public ConformanceConfig withVerbose(boolean value) {
    return toBuilder().verbose(value).build();
  }

  /** Step-by-step construction of a {@link ConformanceConfig}. */
  public static final class Builder {
    private boolean runCore;
    private boolean runBehavioral;
    private boolean runPlatformSpecific;
    private Duration testTimeout;
    private boolean continueOnFailure;
    private boolean verbose;

    private Builder(ConformanceConfig from) {
      this.runCore = from.runCore;
      this.runBehavioral = from.runBehavioral;
      this.runPlatformSpecific = from.runPlatformSpecific;
      this.testTimeout = from.testTimeout;
      this.continueOnFailure = from.continueOnFailure;
      this.verbose = from.verbose;
    }

    /** Whether to run the Core tests. */
    public Builder runCore(boolean value) {
      this.runCore = value;
      return this;
    }

    /** Whether to run the Behavioral tests. */
    public Builder runBehavioral(boolean value) {
      this.runBehavioral = value;
      return this;
    }

    /** Whether to run the tests of the pack's profile. */
    public Builder runPlatformSpecific(boolean value) {
      this.runPlatformSpecific = value;
      return this;
    }

    /** The time limit of each test. */
    public Builder testTimeout(Duration value) {
      this.testTimeout = value;
      return this;
    }

    /** Whether to go on after the first failed test. */
    public Builder continueOnFailure(boolean value) {
      this.continueOnFailure = value;
      return this;
    }

    /** Whether the text report shows the configuration and every test's details. */
    public Builder verbose(boolean value) {
      this.verbose = value;
      return this;
    }

    /** The configuration. */
    public ConformanceConfig build() {
      return new ConformanceConfig(
          runCore, runBehavioral, runPlatformSpecific, testTimeout, continueOnFailure, verbose);
    }
  }
}
