package dev.palm.packs.conformance;

import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the conformance suite of docs/pack-contract.md §5.2 against a {@link PlatformPack}: the Core
 * tests, the Behavioral tests, then the tests of the pack's profile, each bounded by {@link
 * ConformanceConfig#testTimeout()}.
 *
 * <p>When {@link ConformanceConfig#continueOnFailure()} is false, the tests after the first failure
 * are not run and are reported as skipped, with the failed test named in the reason. A runner keeps
 * no state between runs and may be shared between threads.
 */
public final class ConformanceRunner {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ConformanceConfig config;

  /** A runner using {@code config}. */
  public ConformanceRunner(ConformanceConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A runner using the default configuration. */
  public ConformanceRunner() {
    this(ConformanceConfig.defaults());
  }

  /** The configuration this runner uses. */
  public ConformanceConfig config() {
    return config;
  }

  /**
   * Runs every enabled category against {@code pack} and reports the results under its metadata
   * name.
   */
  public ConformanceReport run(PlatformPack pack) {
    Objects.requireNonNull(pack, "pack");
    Instant timestamp = Instant.now();
    long start = System.nanoTime();
    String platformName = platformName(pack);
    Map<TestCategory, List<TestResult>> results = new EnumMap<>(TestCategory.class);
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads(platformName));
    try {
      Run run = new Run(pack, executor);
      if (config.runCore()) {
        results.put(TestCategory.CORE, run.all(CoreTests.all()));
      }
      if (config.runBehavioral()) {
        results.put(TestCategory.BEHAVIORAL, run.all(BehavioralTests.all()));
      }
      if (config.runPlatformSpecific()) {
        results.put(TestCategory.PLATFORM_SPECIFIC, run.platformSpecific());
      }
    } finally {
      // Interrupts a test still blocked after its timeout so that its thread can end.
      executor.shutdownNow();
    }
    return new ConformanceReport(
        platformName, timestamp, Duration.ofNanos(System.nanoTime() - start), config, results);
  }

  /** The state of one run: the pack, where tests execute and the first failure so far. */
  private final class Run {
    private final PlatformPack pack;
    private final ExecutorService executor;
    private Optional<String> firstFailure = Optional.empty();

    Run(PlatformPack pack, ExecutorService executor) {
      this.pack = pack;
      this.executor = executor;
    }

    List<TestResult> all(List<ConformanceCheck> tests) {
      List<TestResult> results = new ArrayList<>(tests.size());
      for (ConformanceCheck test : tests) {
        results.add(next(test));
      }
      return results;
    }

    List<TestResult> platformSpecific() {
      PlatformProfile profile;
      try {
        profile = pack.profile();
      } catch (RuntimeException e) {
        // Without a profile no platform test can be chosen; that is the pack's fault, so it fails.
        return List.of(
            record(
                TestResult.failed(
                    PlatformTests.SKIPPED_NAME,
                    "profile() threw " + describe(e) + "; a pack must always return its profile",
                    Duration.ZERO)));
      }
      Optional<List<ConformanceCheck>> tests = PlatformTests.forProfile(profile);
      if (tests.isEmpty()) {
        return List.of(
            TestResult.skipped(PlatformTests.SKIPPED_NAME, PlatformTests.SKIPPED_REASON));
      }
      return all(tests.get());
    }

    private TestResult next(ConformanceCheck test) {
      if (firstFailure.isPresent() && !config.continueOnFailure()) {
        return TestResult.skipped(
            test.name(),
            "Not run: test '" + firstFailure.get() + "' failed and continue_on_failure is false");
      }
      return record(execute(test));
    }

    private TestResult record(TestResult result) {
      if (result.isFailed() && firstFailure.isEmpty()) {
        firstFailure = Optional.of(result.name());
      }
      return result;
    }

    private TestResult execute(ConformanceCheck test) {
      Duration timeout = config.testTimeout();
      long started = System.nanoTime();
      Future<CheckOutcome> future = executor.submit(() -> test.body().check(pack));
      try {
        CheckOutcome outcome = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return outcome.toResult(test.name(), elapsedSince(started));
      } catch (TimeoutException e) {
        // Interrupt and abandon it: a pack that ignores interruption keeps a daemon thread busy,
        // but the
        // run goes on rather than hanging on a misbehaving pack.
        future.cancel(true);
        return TestResult.failed(
            test.name(),
            "Test timed out after "
                + Durations.human(timeout)
                + " (ConformanceConfig.testTimeout); the pack did not return in time",
            elapsedSince(started));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return TestResult.failed(
            test.name(), "Test threw " + describe(cause), elapsedSince(started));
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        return TestResult.failed(
            test.name(), "Test was interrupted before it finished", elapsedSince(started));
      }
    }
  }

  private static String platformName(PlatformPack pack) {
    try {
      return pack.metadata().name();
    } catch (RuntimeException e) {
      // metadata_completeness reports the broken metadata; the report still needs a title.
      return "<unknown>";
    }
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static ThreadFactory daemonThreads(String platformName) {
    return task -> {
      Thread thread =
          new Thread(task, "palm-conformance-" + platformName + "-" + THREADS.incrementAndGet());
      // Daemon: a pack that ignores interruption must not keep the JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }
}
