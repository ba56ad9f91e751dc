package dev.palm.cli.audit;

import dev.palm.cli.ExitCode;
import dev.palm.cli.ops.Cli;
import dev.palm.cli.ops.ConnectionOptions;
import dev.palm.cli.ops.TerminalProgress;
import dev.palm.client.InclusionProofs;
import dev.palm.client.ReadProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palm audit prove}: an inclusion proof of one record in a signed checkpoint. */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a proof that one audit record is in a signed checkpoint: the record, the checkpoint as"
          + " the pipeline signed it, and the RFC 9162 audit path from the record to the checkpoint's"
          + " Merkle root (docs/audit-format.md §5.1). 'palm audit verify-proof' checks it offline"
          + " with only the pipeline's public key.",
      "",
      "Example:",
      "  palm audit prove --pack ibank --sequence 41 --output op-delete.proof.json"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "2:bad flags",
      "3:unknown pack, no checkpoint covers the record yet, or the file cannot be written",
      "4:Kafka or registry unavailable"
    })
public final class ProveAuditCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin RangeOptions range;

  @Option(names = "--pack", required = true, paramLabel = "PACK", description = "The pack.")
  String pack;

  @Option(
      names = "--sequence",
      required = true,
      paramLabel = "N",
      description = "Sequence of the record to prove.")
  long sequence;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the proof here instead of to standard output.")
  Optional<Path> output = Optional.empty();

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::prove);
  }

  private int prove() {
    if (sequence < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--sequence must be 0 or more, got " + sequence);
    }
    ReadProgress progress =
        TerminalProgress.of(spec.commandLine().getErr(), "reading " + pack + " audit");
    String proof;
    try {
      proof =
          new InclusionProofs(connection.config())
              .prove(range.query(pack).build(), sequence, progress);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("palm audit prove: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    } finally {
      TerminalProgress.finish(progress);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (OutputTarget target = OutputTarget.open(output, out)) {
      target.println(proof);
    }
    output.ifPresent(file -> out.println("proof of record " + sequence + " written to " + file));
    return ExitCode.OK.code();
  }
}
