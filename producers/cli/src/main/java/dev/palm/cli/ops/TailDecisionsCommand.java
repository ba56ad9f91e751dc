package dev.palm.cli.ops;

import dev.palm.cli.ExitCode;
import dev.palm.client.DecisionFeed;
import dev.palm.client.DecisionSubscriber;
import dev.palm.client.StartPosition;
import dev.palm.events.DecisionKind;
import dev.palm.events.PolicyDecision;
import dev.palm.wire.AvroJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palm decisions tail}: prints a pack's decisions from a time, optionally following new
 * ones.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the decisions of a pack, oldest first, and with --follow keep printing new ones.",
      "Without --from it starts at the oldest retained decision, or at now when following without"
          + " --operation. With --operation and --follow it stops at the operation's settled decision"
          + " (ALLOWED or DENIED).",
      "",
      "Examples:",
      "  palm decisions tail --pack ibank --from -1h",
      "  palm decisions tail --pack ibank --operation 3f2c9a1e-... --follow",
      "  palm decisions tail --pack mapleverse --follow --format jsonl | jq ."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "2:bad flags",
      "3:unknown pack",
      "4:Kafka or the schema registry unavailable",
      "5:--operation with --follow: no settled decision before --timeout"
    })
public final class TailDecisionsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack whose decisions to read.")
  String pack;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = TimeArgument.class,
      description = "Start at this time. Forms: " + TimeArgument.FORMS + ".")
  Optional<Instant> from = Optional.empty();

  @Option(
      names = {"--operation", "--operation-id"},
      paramLabel = "ID",
      description = "Only decisions about this operation id.")
  Optional<String> operationId = Optional.empty();

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new decisions (Ctrl-C ends).")
  boolean follow;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationArgument.class,
      description = "With --follow: stop after this long. Forms: " + DurationArgument.FORMS + ".")
  Optional<Duration> timeout = Optional.empty();

  @Option(names = "--count", paramLabel = "N", description = "Stop after N decisions.")
  Optional<Integer> count = Optional.empty();

  @Mixin OutputFormat output;

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::tail);
  }

  private int tail() {
    if (timeout.isPresent() && !follow) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--timeout only applies with --follow");
    }
    if (count.isPresent() && count.get() < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--count must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    StartPosition start =
        from.map(StartPosition::at)
            .orElse(
                follow && operationId.isEmpty() ? StartPosition.now() : StartPosition.beginning());
    long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
    long printed = 0;
    boolean settled = false;
    if (output.format == Rendering.Format.TEXT) {
      out.println(Rendering.decisionHeader());
    }
    try (DecisionFeed feed = new DecisionSubscriber(connection.config()).open(pack, start)) {
      while (true) {
        boolean caughtUp = feed.caughtUp();
        if (!follow && caughtUp) {
          break;
        }
        if (System.nanoTime() >= deadline) {
          break;
        }
        for (DecisionFeed.Entry entry : feed.poll(Duration.ofMillis(200))) {
          if (entry instanceof DecisionFeed.Unreadable bad) {
            spec.commandLine()
                .getErr()
                .println("unreadable decision record at " + bad.position() + ": " + bad.reason());
            continue;
          }
          PolicyDecision decision = ((DecisionFeed.Received) entry).decision();
          if (operationId.isPresent() && !operationId.get().equals(decision.getOperationId())) {
            continue;
          }
          out.println(
              output.format == Rendering.Format.JSONL
                  ? AvroJson.toJsonLine(AvroJson.toJson(decision))
                  : Rendering.decisionLine(decision));
          out.flush();
          printed++;
          if (operationId.isPresent()
              && decision.getKind() == DecisionKind.DECISION
              && DecisionSubscriber.isFinal(decision)) {
            settled = true;
          }
          if (count.isPresent() && printed >= count.get()) {
            return ExitCode.OK.code();
          }
        }
        if (follow && settled) {
          return ExitCode.OK.code();
        }
      }
    }
    if (printed == 0 && !follow) {
      spec.commandLine()
          .getErr()
          .println(
              "no decisions of pack "
                  + pack
                  + operationId.map(id -> " about operation " + id).orElse("")
                  + " in the range read");
    }
    if (follow && operationId.isPresent() && !settled) {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": operation "
                  + operationId.get()
                  + " has no settled decision yet");
      return ExitCode.NO_DECISION.code();
    }
    return ExitCode.OK.code();
  }
}
