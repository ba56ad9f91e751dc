package dev.palm.cli.ops;

import dev.palm.cli.ExitCode;
import dev.palm.client.AnswerWatch;
import dev.palm.client.ClientConfig;
import dev.palm.client.Identity;
import dev.palm.client.PublishResult;
import dev.palm.client.StandingApprovals;
import dev.palm.events.AuditRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palm approvals grant} and {@code revoke-grant}: standing approvals of packs with {@code
 * human_approval.allow_auto_approval} (docs/decisions.md §5).
 */
public abstract class GrantCommand implements Callable<Integer> {

  /** {@code palm approvals grant}. */
  @Command(
      name = "grant",
      mixinStandardHelpOptions = true,
      description =
          "Grant a standing approval as --as: later requests of --operations (and --deployments, if"
              + " given) that need one approval are approved by it, --max-uses times at most, until"
              + " --expires-in has passed; never requests of --as. The pack must allow it"
              + " (human_approval.allow_auto_approval). With --wait, prints what the pipeline"
              + " recorded.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:published (and, with --wait, granted)",
        "2:bad flags",
        "3:unknown pack",
        "4:Kafka or the schema registry unreachable",
        "5:--wait: the pipeline refused the grant (reasons printed), or recorded nothing in time"
      })
  public static final class Grant extends GrantCommand {

    @Option(
        names = "--operations",
        required = true,
        split = ",",
        paramLabel = "NAME",
        description = "Operation names it approves, comma-separated.")
    List<String> operations;

    @Option(
        names = "--deployments",
        split = ",",
        paramLabel = "ID",
        description = "Deployments it covers, comma-separated; default: any.")
    List<String> deployments = List.of();

    @Option(
        names = "--max-uses",
        paramLabel = "N",
        defaultValue = "1",
        description = "How many requests it may approve (1-1000). Default: ${DEFAULT-VALUE}.")
    int maxUses;

    @Option(
        names = "--expires-in",
        required = true,
        paramLabel = "DURATION",
        converter = DurationArgument.class,
        description = "How long it stays in force, e.g. 2h (at most the pack's approval timeout).")
    Duration expiresIn;

    @Override
    PublishResult send(StandingApprovals client, Identity who) {
      return client.grant(
          new StandingApprovals.Scope(
              pack,
              grantId,
              operations,
              deployments,
              maxUses,
              Instant.now().plus(expiresIn),
              reason),
          who,
          signingKey.load());
    }

    @Override
    String verb() {
      return "grant";
    }
  }

  /** {@code palm approvals revoke-grant}. */
  @Command(
      name = "revoke-grant",
      mixinStandardHelpOptions = true,
      description =
          "Revoke a standing approval as --as (someone who may approve in the pack): it approves"
              + " nothing more. With --wait, prints what the pipeline recorded.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:published (and, with --wait, revoked)",
        "2:bad flags",
        "3:unknown pack",
        "4:Kafka or the schema registry unreachable",
        "5:--wait: the pipeline refused the revocation (reasons printed), or recorded nothing in"
            + " time"
      })
  public static final class Revoke extends GrantCommand {
    @Override
    PublishResult send(StandingApprovals client, Identity who) {
      return client.revoke(pack, grantId, who, reason, signingKey.load());
    }

    @Override
    String verb() {
      return "revocation";
    }
  }

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin SigningKeyOption signingKey;

  @Option(names = "--pack", required = true, paramLabel = "PACK", description = "The pack.")
  String pack;

  @Option(
      names = "--grant-id",
      required = true,
      paramLabel = "ID",
      description = "Id of the standing approval (unique in the pack).")
  String grantId;

  @Option(names = "--as", required = true, paramLabel = "ID", description = "Who grants/revokes.")
  String actor;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the audit trail.")
  Optional<String> reason = Optional.empty();

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      arity = "0..1",
      fallbackValue = "30s",
      converter = DurationArgument.class,
      description = "Wait for the pipeline's record of it and print it (default 30s).")
  Optional<Duration> waitFor = Optional.empty();

  abstract PublishResult send(StandingApprovals client, Identity who);

  abstract String verb();

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::publish);
  }

  private int publish() {
    DecisionWait.checkWait(spec, waitFor);
    Identity who = Identity.human(actor);
    ClientConfig config = connection.config();
    PrintWriter out = spec.commandLine().getOut();
    AnswerWatch watch = new AnswerWatch(config);
    Optional<AnswerWatch.Marks> before = waitFor.map(w -> watch.mark(pack));
    PublishResult result;
    try (StandingApprovals client = new StandingApprovals(config)) {
      result = send(client, who);
    }
    out.println(
        "sent "
            + verb()
            + " of standing approval "
            + grantId
            + " as "
            + actor
            + " (at "
            + result.position()
            + ")");
    if (before.isEmpty()) {
      return ExitCode.OK.code();
    }
    Optional<AuditRecord> record = watch.awaitRecordOf(pack, result, before.get(), waitFor.get());
    if (record.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": the pipeline recorded nothing about it within "
                  + waitFor.get().toSeconds()
                  + " s; is it running?");
      return ExitCode.NO_DECISION.code();
    }
    AuditRecord r = record.get();
    boolean refused = AnswerWatch.isRefusal(r);
    String line =
        r.getEventType()
            + " "
            + String.join(", ", r.getReasonCodes())
            + ": "
            + String.join(" ", r.getMessages())
            + " [audit sequence "
            + r.getSequence()
            + "]";
    if (refused) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": refused: " + line);
      return ExitCode.NO_DECISION.code();
    }
    out.println(line);
    return ExitCode.OK.code();
  }
}
