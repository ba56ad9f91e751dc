package dev.palm.cli.ops;

import dev.palm.client.ClientConfig;
import dev.palm.client.HoldClient;
import dev.palm.client.Identity;
import dev.palm.events.HoldAction;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palm holds release|cancel}: settles a safety hold as an authorized releaser. */
public abstract class SettleHoldCommand implements Callable<Integer> {

  /** {@code palm holds release}. */
  @Command(
      name = "release",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Release a hold: the operation's evaluation continues (limits, then approval). --as must be an"
            + " authorized hold releaser of the pack (the pipeline checks). With --wait, prints the decision"
            + " that follows.",
        "",
        "Example:",
        "  palm holds release --pack finalverse --operation 7c1e... --as carol \\",
        "      --reason 'verified' --wait"
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:release published (and, with --wait, a decision arrived)",
        "2:bad flags",
        "3:unknown pack, or no such hold in force",
        "4:Kafka or registry unavailable",
        "5:--wait: the pipeline refused the answer (its reasons are printed), or no decision arrived in time"
      })
  public static final class Release extends SettleHoldCommand {
    @Override
    HoldAction action() {
      return HoldAction.RELEASE;
    }
  }

  /** {@code palm holds cancel}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Cancel a hold: the operation is denied. With --wait, prints the decision.",
        "",
        "Example:",
        "  palm holds cancel --pack finalverse --hold h-42 --as carol \\",
        "      --reason 'not needed'"
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:cancel published (and, with --wait, a decision arrived)",
        "2:bad flags",
        "3:unknown pack, or no such hold in force",
        "4:Kafka or registry unavailable",
        "5:--wait: the pipeline refused the answer (its reasons are printed), or no decision arrived in time"
      })
  public static final class Cancel extends SettleHoldCommand {
    @Override
    HoldAction action() {
      return HoldAction.CANCEL;
    }
  }

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Mixin SigningKeyOption signingKey;

  @Option(names = "--pack", required = true, paramLabel = "PACK", description = "Pack of the hold.")
  String pack;

  @ArgGroup(exclusive = true, multiplicity = "1")
  TargetOptions target;

  @Option(names = "--as", required = true, paramLabel = "ID", description = "Releaser identity.")
  String releaser;

  @Option(
      names = "--actor-type",
      paramLabel = "TYPE",
      defaultValue = "human",
      description = "Releaser type: human, agent, service or system. Default: ${DEFAULT-VALUE}.")
  String actorType;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the audit trail.")
  Optional<String> reason = Optional.empty();

  @Mixin DecisionWait decisionWait;

  /** Which hold: by operation id or hold id. */
  static final class TargetOptions {
    @Option(
        names = {"--operation", "--operation-id"},
        required = true,
        paramLabel = "ID",
        description = "Operation id.")
    String operationId;

    @Option(names = "--hold", required = true, paramLabel = "ID", description = "Hold id.")
    String holdId;

    HoldClient.Target toTarget() {
      return operationId != null
          ? HoldClient.Target.operation(operationId)
          : HoldClient.Target.hold(holdId);
    }
  }

  abstract HoldAction action();

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::settle);
  }

  private int settle() {
    Identity identity = Identity.of(releaser, actorType);
    ClientConfig config = connection.config();
    return decisionWait.publishAndAwait(
        spec,
        config,
        pack,
        () -> {
          try (HoldClient client = new HoldClient(config)) {
            return client.act(
                pack, target.toTarget(), identity, action(), reason, signingKey.load());
          }
        },
        result ->
            "sent "
                + (action() == HoldAction.RELEASE ? "release" : "cancellation")
                + " of the hold of"
                + " operation "
                + result.operationId()
                + " as "
                + identity.id()
                + " (at "
                + result.position()
                + ")",
        result ->
            "the pipeline may have refused the release (see: palm audit query --pack "
                + pack
                + " --operation "
                + result.operationId()
                + ")");
  }
}
