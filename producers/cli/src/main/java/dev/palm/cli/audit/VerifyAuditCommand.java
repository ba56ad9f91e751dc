package dev.palm.cli.audit;

import dev.palm.audit.CheckpointVerification;
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
import java.nio.file.Path;
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
      "Checkpoints must be signed by a trusted key: --trusted-key (or PALM_TRUSTED_KEY), or"
          + " --trust-on-first-use. Records the checkpoints list as foreign (written by another"
          + " producer) are left out of the chain and reported; records after the last checkpoint"
          + " are reported as an unverified tail.",
      "",
      "Examples:",
      "  palm audit verify --pack ibank --trusted-key pipeline.pub",
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
      "15:checkpoint invalid: bad or untrusted signature, no trusted key given, broken checkpoint"
          + " chain, or range mismatch",
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

  @Mixin TrustOptions trust;

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
      AuditExport.FileVerification result = AuditExport.verify(source.file, policy());
      out.println(
          "file "
              + source.file
              + ": "
              + result.lines()
              + " lines, "
              + result.checkpointCount()
              + " checkpoint(s)");
      if (result.foreign() > 0) {
        out.println(
            "foreign: "
                + result.foreign()
                + " record line(s) at offsets the checkpoints list as foreign, left out");
      }
      if (!noCheckpoints
          && result.checkpointCount() == 0
          && exitCode(result.chain().status()) == ExitCode.OK.code()) {
        out.println("chain: " + result.chain().status() + " - " + result.chain().message());
        spec.commandLine()
            .getErr()
            .println(
                spec.qualifiedName()
                    + ": the file carries no checkpoints, so nothing proves it whole or unchanged"
                    + " (export it again with this palm), or check its hash chain only with"
                    + " --no-checkpoints (exit code "
                    + ExitCode.CHECKPOINT_INVALID.code()
                    + ")");
        return ExitCode.CHECKPOINT_INVALID.code();
      }
      if (result.uncovered() > 0) {
        out.println(
            "uncovered: "
                + result.uncovered()
                + " record line(s) no checkpoint of the file covers");
      }
      int code =
          report(out, result.chain(), result.checkpoints(), 0, result.notes(), Optional.empty());
      if (code == ExitCode.OK.code() && result.uncovered() > 0) {
        spec.commandLine()
            .getErr()
            .println(
                spec.qualifiedName()
                    + ": "
                    + result.uncovered()
                    + " record(s) of the file are not covered by its checkpoints: lines were"
                    + " added, or the file was cut (exit code "
                    + ExitCode.CHECKPOINT_INVALID.code()
                    + ")");
        return ExitCode.CHECKPOINT_INVALID.code();
      }
      return code;
    }
    CheckpointPolicy policy = policy();
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
    if (summary.foreignCount() > 0) {
      out.println(
          "foreign: "
              + summary.foreignCount()
              + " record(s) in the audit topic were not written by the pipeline; the checkpoints"
              + " list them, so they are left out of the chain:");
      summary.foreign().forEach(f -> out.println("  " + f));
      if (summary.foreignCount() > summary.foreign().size()) {
        out.println("  … and " + (summary.foreignCount() - summary.foreign().size()) + " more");
      }
      spec.commandLine()
          .getErr()
          .println(
              "WARNING: "
                  + summary.foreignCount()
                  + " foreign record(s) in the audit topic of pack "
                  + source.pack
                  + ": someone else can write to it (see docs/security.md)");
    }
    if (summary.tail().records() > 0) {
      out.println(
          "unverified tail: "
              + summary.tail().records()
              + " record(s) after the last checkpoint"
              + summary
                  .tail()
                  .oldest()
                  .map(
                      t ->
                          ", the oldest written "
                              + java.time.Duration.between(t, java.time.Instant.now()).toSeconds()
                              + " s ago")
                  .orElse("")
              + "; no signature covers them yet (the pipeline's next checkpoint will)");
    }
    return report(
        out,
        summary.chain(),
        summary.checkpoints(),
        summary.unreadableCheckpoints(),
        summary.notes(),
        summary.headMissing());
  }

  /** The checkpoint policy the flags (and PALM_TRUSTED_KEY) ask for. */
  private CheckpointPolicy policy() {
    return noCheckpoints ? CheckpointPolicy.none() : trust.policy();
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
    boolean unpinned =
        checkpoints.map(c -> c.valid() && !c.pinned() && c.checkpointsChecked() > 0).orElse(false);
    if (code == ExitCode.OK.code()
        && (unreadableCheckpoints > 0
            || checkpoints.map(c -> !c.valid()).orElse(false)
            || unpinned)) {
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
                      : code == ExitCode.CHECKPOINT_INVALID.code() && unpinned
                          ? "no trusted key: the checkpoints prove only that they were not changed,"
                              + " not who signed them; give the pipeline's public key with"
                              + " --trusted-key FILE (palm keys show --pipeline prints it) or"
                              + " PALM_TRUSTED_KEY, or accept the first key with"
                              + " --trust-on-first-use"
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
