package dev.palm.cli.audit;

import dev.palm.cli.ExitCode;
import dev.palm.client.CheckpointPolicy;
import dev.palm.client.InclusionProofs;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palm audit verify-proof}: checks an inclusion proof offline. */
@Command(
    name = "verify-proof",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a proof written by 'palm audit prove', offline (no Kafka, no registry): the record"
          + " hashes to its hash, the checkpoint is signed by a trusted key, and the audit path leads"
          + " from the record to the checkpoint's Merkle root.",
      "",
      "Example:",
      "  palm audit verify-proof --file op-delete.proof.json --trusted-key pipeline.pub"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the proof holds",
      "2:bad flags",
      "3:the file cannot be read or is not a proof",
      "10:the record was changed (its content does not hash to its hash)",
      "15:the checkpoint is not validly signed by a trusted key, or the path does not lead to its"
          + " root"
    })
public final class VerifyProofCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin TrustOptions trust;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "PROOF.json",
      description = "The proof file.")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CheckpointPolicy policy = trust.policy();
    InclusionProofs.Verdict verdict;
    try {
      verdict = InclusionProofs.verify(file, policy);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      spec.commandLine().getErr().println("palm audit verify-proof: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
    out.println("proof: " + (verdict.valid() ? "VALID" : "INVALID") + " - " + verdict.message());
    verdict
        .checkpoint()
        .ifPresent(c -> out.println("checkpoint: " + c.verdict() + " - " + c.message()));
    if (verdict.valid()) {
      return ExitCode.OK.code();
    }
    int code =
        verdict.recordIntact() ? ExitCode.CHECKPOINT_INVALID.code() : ExitCode.TAMPERED.code();
    spec.commandLine()
        .getErr()
        .println("palm audit verify-proof: the proof does not hold (exit code " + code + ")");
    return code;
  }
}
