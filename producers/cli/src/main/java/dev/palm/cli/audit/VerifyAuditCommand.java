package dev.palm.cli.audit;

import dev.palm.audit.CheckpointVerification;
import dev.palm.audit.SigningKeys;
import dev.palm.audit.VerificationResult;
import dev.palm.cli.ExitCode;
import dev.palm.cli.ops.Cli;
import dev.palm.cli.ops.ConnectionOptions;
import dev.palm.cli.ops.TerminalProgress;
import dev.palm.client.AuditExport;
import dev.palm.client.AuditReadSummary;
import dev.palm.client.AuditReader;
import dev.palm.client.CheckpointPolicy;
import dev.palm.client.ReadProgress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palm audit verify}: recomputes a pack's hash chain (from the topic or an export file). */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Recompute the hash chain of a pack's audit trail over a time range (--pack), or of an export file"
          + " (--file, offline: no Kafka or registry needed), and check the signed checkpoints of the range.",
      "Reports the first problem and its sequence; the exit code says which kind it is.",
      "",
      "Examples:",
      "  palm audit verify --pack ibank",
      "  palm audit verify --pack ibank --from 2026-03-01 --to 2026-04-01 \\",
      "      --trusted-key pipeline.pub",
      "  palm audit verify --file ibank-march.jsonl"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:intact (chain, and the checkpoints checked)",
      "2:bad flags",
      "3:unknown pack, or the file cannot be read",
      "4:Kafka or registry unavailable",
      "10:tampered: a record's content does not match its hash",
      "11:gap: records are missing (sequence jumps)",
      "12:broken link: a record's prev_hash is not its predecessor's hash",
      "13:reordered: sequence goes backwards or repeats",
      "14:unreadable: a record cannot be decoded",
      "15:checkpoint invalid: bad or untrusted signature, broken checkpoint chain, or range mismatch",
      "16:head missing: the topic keeps records forever but the trail does not start at sequence 0"
    })
public final class VerifyAuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin RangeOptions range;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Verify a topic or a file. */
  static final class Source {
    @Option(
        names = "--pack",
        required = true,
        paramLabel = "PACK",
        description = "Verify this pack's audit topic.")
    String pack;

    @Option(
        names = "--file",
        required = true,
        paramLabel = "EXPORT.jsonl",
        description = "Verify an export file offline.")
    Path file;
  }

  @Option(
      names = "--trusted-key",
      paramLabel = "FILE|BASE64",
      description =
          "Public key of the pipeline (PEM or base64 file, or base64 text); checkpoints must be signed"
              + " by one of these (repeatable). Without it the checkpoints are only checked against"
              + " the key each one embeds, and their verdict is UNPINNED, never VALID.")
  List<String> trustedKeys = new ArrayList<>();

  @Option(
      names = "--no-checkpoints",
      description = "Check the hash chain only, not the signed checkpoints.")
  boolean noCheckpoints;

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::verify);
  }

  private int verify() {
    PrintWriter out = spec.commandLine().getOut();
    if (source.file != null) {
      if (range.from.isPresent() || range.to.isPresent()) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--from and --to apply to --pack; --file verifies the whole export");
      }
      AuditExport.FileVerification result = AuditExport.verify(source.file);
      out.println("file " + source.file + ": " + result.lines() + " lines");
      return report(out, result.chain(), Optional.empty(), 0, result.notes(), Optional.empty());
    }
    CheckpointPolicy policy =
        noCheckpoints
            ? CheckpointPolicy.none()
            : trustedKeys.isEmpty()
                ? CheckpointPolicy.embeddedKeys()
                : CheckpointPolicy.trusting(keys());
    ReadProgress progress =
        TerminalProgress.of(spec.commandLine().getErr(), "verifying " + source.pack + " audit");
    AuditReadSummary summary;
    try {
      summary =
          new AuditReader(connection.config())
              .verify(range.query(source.pack).build(), policy, progress);
    } finally {
      TerminalProgress.finish(progress);
    }
    return report(
        out,
        summary.chain(),
        summary.checkpoints(),
        summary.unreadableCheckpoints(),
        summary.notes(),
        summary.headMissing());
  }

  private List<PublicKey> keys() {
    List<PublicKey> keys = new ArrayList<>();
    for (String key : trustedKeys) {
      Path path = Path.of(key);
      keys.add(
          Files.isRegularFile(path)
              ? SigningKeys.loadPublicKey(path)
              : SigningKeys.decodePublicKey(key));
    }
    return keys;
  }

  private int report(
      PrintWriter out,
      VerificationResult chain,
      Optional<CheckpointVerification> checkpoints,
      long unreadableCheckpoints,
      List<String> notes,
      Optional<String> headMissing) {
    out.println("chain: " + chain.status() + " - " + chain.message());
    headMissing.ifPresent(h -> out.println("head: MISSING - " + h));
    chain.firstBadSequence().ifPresent(s -> out.println("first bad sequence: " + s));
    checkpoints.ifPresent(
        c -> {
          out.println("checkpoints: " + c.verdict() + " - " + c.message());
          c.keyChanges().forEach(change -> out.println("key change: " + change));
        });
    notes.forEach(n -> out.println("note: " + n));
    int code = exitCode(chain.status());
    if (code == ExitCode.OK.code() && headMissing.isPresent()) {
      code = ExitCode.HEAD_MISSING.code();
    }
    if (code == ExitCode.OK.code()
        && (unreadableCheckpoints > 0 || checkpoints.map(c -> !c.valid()).orElse(false))) {
      code = ExitCode.CHECKPOINT_INVALID.code();
    }
    if (code != ExitCode.OK.code()) {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": "
                  + (code == ExitCode.HEAD_MISSING.code()
                      ? "the head of the trail is missing"
                      : code == ExitCode.CHECKPOINT_INVALID.code()
                          ? "checkpoints invalid"
                              + checkpoints
                                  .flatMap(
                                      c ->
                                          c.firstBadCheckpoint().isPresent()
                                              ? Optional.of(
                                                  " (first bad checkpoint "
                                                      + c.firstBadCheckpoint().getAsLong()
                                                      + ")")
                                              : Optional.empty())
                                  .orElse("")
                          : chain.status()
                              + chain.firstBadSequence().stream()
                                  .mapToObj(s -> " at sequence " + s)
                                  .findFirst()
                                  .orElse(""))
                  + " (exit code "
                  + code
                  + ")");
    }
    return code;
  }

  /** The exit code of a chain verdict. */
  public static int exitCode(VerificationResult.Status status) {
    return switch (status) {
      case INTACT -> ExitCode.OK.code();
      case TAMPERED -> ExitCode.TAMPERED.code();
      case GAP -> ExitCode.GAP.code();
      case BROKEN_LINK -> ExitCode.BROKEN_LINK.code();
      case REORDERED -> ExitCode.REORDERED.code();
      case UNREADABLE -> ExitCode.UNREADABLE.code();
    };
  }
}
