package dev.palm.cli.audit;

import dev.palm.cli.ExitCode;
import dev.palm.cli.ops.Cli;
import dev.palm.cli.ops.ConnectionOptions;
import dev.palm.cli.ops.TerminalProgress;
import dev.palm.client.AuditQuery;
import dev.palm.client.AuditReadSummary;
import dev.palm.client.AuditReader;
import dev.palm.client.ReadProgress;
import dev.palm.events.AuditEventType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palm audit query}: prints the audit records of a pack that match a time range and filters.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the audit records of a pack recorded in a time range, optionally filtered, in chain order.",
      "The read starts where Kafka's offsetsForTimes puts --from (no scan from the beginning) and verifies"
          + " the hash chain of every record read; a problem is reported on standard error.",
      "",
      "Examples:",
      "  palm audit query --pack ibank --from -1d --operation 3f2c9a1e-...",
      "  palm audit query --pack ibank --from 2026-03-01 --to 2026-04-01 \\",
      "      --type DECISION,APPROVAL_GRANTED --format csv --output march.csv"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (possibly no records; a chain problem is only reported, use 'audit verify' to gate on it)",
      "2:bad flags",
      "3:unknown pack, or the output file cannot be written",
      "4:Kafka or registry unavailable"
    })
public final class QueryAuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin RangeOptions range;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack whose audit trail to read.")
  String pack;

  @Option(
      names = "--deployment",
      paramLabel = "ID",
      description = "Only records about this deployment.")
  Optional<String> deployment = Optional.empty();

  @Option(
      names = {"--operation", "--operation-id"},
      paramLabel = "ID",
      description = "Only records about this operation id.")
  Optional<String> operation = Optional.empty();

  @Option(
      names = "--actor",
      paramLabel = "ID",
      description = "Only records of this actor (e.g. palm-system).")
  Optional<String> actor = Optional.empty();

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      split = ",",
      description =
          "Only these event types (repeatable or comma-separated): ${COMPLETION-CANDIDATES}.")
  List<AuditEventType> types = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table, jsonl (every field, as 'audit export') or csv. Default: ${DEFAULT-VALUE}.")
  AuditFormats.Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to this file instead of standard output.")
  Optional<Path> output = Optional.empty();

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::query);
  }

  private int query() {
    AuditQuery.Builder builder = range.query(pack);
    deployment.ifPresent(builder::deploymentId);
    operation.ifPresent(builder::operationId);
    actor.ifPresent(builder::actorId);
    builder.eventTypes(
        types.isEmpty() ? EnumSet.noneOf(AuditEventType.class) : EnumSet.copyOf(types));
    AuditQuery query = builder.build();
    PrintWriter err = spec.commandLine().getErr();
    // Records printed to the terminal show the progress themselves; a progress line would garble
    // them.
    ReadProgress progress =
        output.isPresent()
            ? TerminalProgress.of(err, "reading " + pack + " audit")
            : ReadProgress.NONE;
    AuditReadSummary summary;
    try (OutputTarget out = OutputTarget.open(output, spec.commandLine().getOut())) {
      AuditFormats.header(format).ifPresent(out::println);
      summary =
          new AuditReader(connection.config())
              .read(query, entry -> out.println(AuditFormats.line(format, entry)), progress);
    } finally {
      TerminalProgress.finish(progress);
    }
    if (output.isPresent()) {
      spec.commandLine()
          .getOut()
          .println("wrote " + summary.recordsMatched() + " records to " + output.get());
    } else if (summary.recordsMatched() == 0 && format == AuditFormats.Format.TABLE) {
      spec.commandLine().getOut().println("no audit records of pack " + pack + " match");
    }
    if (!summary.chain().intact()) {
      err.println(
          "WARNING: the audit chain of pack "
              + pack
              + " is not intact ("
              + summary.chain().status()
              + "): "
              + summary.chain().message()
              + "; run 'palm audit verify' for the full check");
    }
    return ExitCode.OK.code();
  }
}
