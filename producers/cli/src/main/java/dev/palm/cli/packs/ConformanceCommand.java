package dev.palm.cli.packs;

import dev.palm.cli.ExitCode;
import dev.palm.cli.ops.DurationArgument;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.conformance.ConformanceConfig;
import dev.palm.packs.conformance.ConformanceReport;
import dev.palm.packs.conformance.ConformanceRunner;
import dev.palm.packs.registry.PackRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `palm packs conformance`: runs the conformance suite on packs and prints the reports (text or
 * JSON).
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Run the conformance suite (Core, Behavioral, Platform-Specific) on packs.",
      "Exit code: 0 every pack conformant; 1 a pack is not conformant; 3 a pack could not be loaded."
    })
public final class ConformanceCommand implements Callable<Integer> {

  @Mixin PackSources sources;

  @Parameters(arity = "0..*", paramLabel = "NAME|FILE", description = "Pack names or pack files.")
  List<String> packs = new ArrayList<>();

  @Option(
      names = "--all",
      description = "Check every known pack (built-in, service-loaded and --packs-dir).")
  boolean all;

  @Option(names = "--json", description = "Print JSON (an array of reports) instead of text.")
  boolean json;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationArgument.class,
      description =
          "Time limit of each test (default: 30 s). Forms: " + DurationArgument.FORMS + ".")
  Duration timeout = Duration.ofSeconds(30);

  @Option(names = "--fail-fast", description = "Stop a pack's run at its first failed test.")
  boolean failFast;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show each test's details in the text report.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (packs.isEmpty() && !all) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Give at least one pack name or file, or --all");
    }
    Duration testTimeout = parseTimeout();
    ConformanceRunner runner =
        new ConformanceRunner(
            ConformanceConfig.builder()
                .testTimeout(testTimeout)
                .continueOnFailure(!failFast)
                .verbose(verbose)
                .build());

    List<PlatformPack> selected = new ArrayList<>();
    PackRegistry registry;
    try {
      registry = sources.registry();
      if (all) {
        registry.packs().forEach(p -> selected.add(p.pack()));
      }
      for (String arg : packs) {
        selected.add(sources.resolve(arg, registry));
      }
    } catch (PackException e) {
      err.println("palm packs conformance: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    }

    List<ConformanceReport> reports = new ArrayList<>();
    for (PlatformPack pack : selected) {
      reports.add(runner.run(pack));
    }
    if (json) {
      out.println(
          reports.size() == 1
              ? reports.get(0).toJson()
              : "[\n"
                  + String.join(",\n", reports.stream().map(ConformanceReport::toJson).toList())
                  + "\n]");
    } else {
      for (ConformanceReport report : reports) {
        out.println(report.toText());
      }
      long conformant = reports.stream().filter(ConformanceReport::isConformant).count();
      out.printf("%d of %d pack(s) conformant%n", conformant, reports.size());
    }
    out.flush();
    return reports.stream().allMatch(ConformanceReport::isConformant)
        ? 0
        : ExitCode.CHECK_FAILED.code();
  }

  private Duration parseTimeout() {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid --timeout '"
              + timeout
              + "': give a positive duration ("
              + DurationArgument.FORMS
              + ")");
    }
    return timeout;
  }
}
