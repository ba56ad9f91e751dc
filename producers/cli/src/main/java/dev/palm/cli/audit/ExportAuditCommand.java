package dev.palm.cli.audit;

import dev.palm.cli.ExitCode;
import dev.palm.cli.ops.Cli;
import dev.palm.cli.ops.ConnectionOptions;
import dev.palm.cli.ops.TerminalProgress;
import dev.palm.client.AuditExport;
import dev.palm.client.AuditReadSummary;
import dev.palm.client.AuditReader;
import dev.palm.client.ReadProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palm audit export}: writes a verifiable JSON Lines export of a pack's audit trail. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write every audit record of a pack in a time range to a JSON Lines file with all fields, hashes"
          + " included (docs/export-format.md), so that 'palm audit verify --file' can re-check it offline."
          + " The chain is verified while exporting; a problem is reported and sets the exit code, but the"
          + " file is written anyway as evidence.",
      "",
      "Example:",
      "  palm audit export --pack ibank --from 2026-03-01 --to 2026-04-01 \\",
      "      --output ibank-march.jsonl"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:exported, chain intact",
      "2:bad flags",
      "3:unknown pack, or the file cannot be written",
      "4:Kafka or registry unavailable",
      "10-14:exported, but the chain has a problem (codes as for 'audit verify')"
    })
public final class ExportAuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin RangeOptions range;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack whose audit trail to export.")
  String pack;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "The JSON Lines file to write.")
  Path output;

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::export);
  }

  private int export() {
    PrintWriter out = spec.commandLine().getOut();
    ReadProgress progress =
        TerminalProgress.of(spec.commandLine().getErr(), "exporting " + pack + " audit");
    AuditReadSummary summary;
    long[] exported = {-1, -1}; // first and last sequence written
    long[] checkpoints = {0};
    try (OutputTarget file = OutputTarget.open(Optional.of(output), out)) {
      summary =
          new AuditReader(connection.config())
              .export(
                  range.query(pack).build(),
                  entry -> {
                    file.println(AuditExport.line(entry));
                    if (exported[0] < 0) {
                      exported[0] = entry.record().getSequence();
                    }
                    exported[1] = entry.record().getSequence();
                  },
                  checkpoint -> {
                    file.println(AuditExport.checkpointLine(checkpoint));
                    checkpoints[0]++;
                  },
                  progress);
    } finally {
      TerminalProgress.finish(progress);
    }
    String sequences =
        exported[0] < 0 ? "" : " (sequences " + exported[0] + ".." + exported[1] + ")";
    out.println(
        "exported "
            + summary.recordsMatched()
            + " records of pack "
            + pack
            + sequences
            + " and "
            + checkpoints[0]
            + " checkpoint(s) to "
            + output);
    out.println("chain: " + summary.chain().status() + " - " + summary.chain().message());
    summary.notes().forEach(n -> out.println("note: " + n));
    int code = VerifyAuditCommand.exitCode(summary.chain().status());
    if (code != ExitCode.OK.code()) {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": the exported chain is "
                  + summary.chain().status()
                  + summary.chain().firstBadSequence().stream()
                      .mapToObj(s -> " at sequence " + s)
                      .findFirst()
                      .orElse("")
                  + " (exit code "
                  + code
                  + ")");
    }
    return code;
  }
}
