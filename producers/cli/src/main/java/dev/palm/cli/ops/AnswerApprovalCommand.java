package dev.palm.cli.ops;

import dev.palm.client.ApprovalClient;
import dev.palm.client.ClientConfig;
import dev.palm.client.Identity;
import dev.palm.client.PendingApproval;
import dev.palm.client.PublishResult;
import dev.palm.events.ApprovalVerdict;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palm approvals approve|reject}: answers an open approval request as an approver. */
public abstract class AnswerApprovalCommand implements Callable<Integer> {

  /** {@code palm approvals approve}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Approve an open approval request as --as (who must be an authorized approver and, unless the pack"
            + " allows self-approval, not the requester; the pipeline checks). With --wait, prints the decision"
            + " that follows.",
        "",
        "Example:",
        "  palm approvals approve --pack ibank --operation 3f2c9a1e-... --as bob \\",
        "      --comment 'checked' --wait"
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:answer published (and, with --wait, a decision arrived)",
        "2:bad flags",
        "3:unknown pack, or no such open request",
        "4:Kafka or registry unavailable",
        "5:--wait: the pipeline refused the answer (its reasons are printed), or no decision arrived in time"
      })
  public static final class Approve extends AnswerApprovalCommand {
    @Override
    ApprovalVerdict verdict() {
      return ApprovalVerdict.APPROVE;
    }
  }

  /** {@code palm approvals reject}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Reject an open approval request as --as; the operation is denied. With --wait, prints the decision.",
        "",
        "Example:",
        "  palm approvals reject --pack ibank --approval 9d1c... --as bob \\",
        "      --comment 'not during freeze'"
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:answer published (and, with --wait, a decision arrived)",
        "2:bad flags",
        "3:unknown pack, or no such open request",
        "4:Kafka or registry unavailable",
        "5:--wait: the pipeline refused the answer (its reasons are printed), or no decision arrived in time"
      })
  public static final class Reject extends AnswerApprovalCommand {
    @Override
    ApprovalVerdict verdict() {
      return ApprovalVerdict.REJECT;
    }
  }

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Mixin SigningKeyOption signingKey;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack of the request.")
  String pack;

  @ArgGroup(exclusive = true, multiplicity = "1")
  TargetOptions target;

  @Option(names = "--as", required = true, paramLabel = "ID", description = "Approver identity.")
  String approver;

  @Option(
      names = "--actor-type",
      paramLabel = "TYPE",
      defaultValue = "human",
      description = "Approver type: human, agent, service or system. Default: ${DEFAULT-VALUE}.")
  String actorType;

  @Option(
      names = "--comment",
      paramLabel = "TEXT",
      description = "Comment, kept in the audit trail.")
  Optional<String> comment = Optional.empty();

  @Mixin DecisionWait decisionWait;

  /** Which request: by operation id or approval id. */
  static final class TargetOptions {
    @Option(
        names = {"--operation", "--operation-id"},
        required = true,
        paramLabel = "ID",
        description = "Operation id.")
    String operationId;

    @Option(names = "--approval", required = true, paramLabel = "ID", description = "Approval id.")
    String approvalId;

    ApprovalClient.Target toTarget() {
      return operationId != null
          ? ApprovalClient.Target.operation(operationId)
          : ApprovalClient.Target.approval(approvalId);
    }
  }

  abstract ApprovalVerdict verdict();

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::answer);
  }

  private int answer() {
    Identity identity = Identity.of(approver, actorType);
    ClientConfig config = connection.config();
    return decisionWait.publishAndAwait(
        spec,
        config,
        pack,
        () -> respond(config, identity),
        result ->
            "sent "
                + (verdict() == ApprovalVerdict.APPROVE ? "approval" : "rejection")
                + " of operation "
                + result.operationId()
                + " as "
                + identity.id()
                + " (response at "
                + result.position()
                + ")",
        result ->
            "the pipeline may have refused the answer (see: palm audit query --pack "
                + pack
                + " --operation "
                + result.operationId()
                + " --type APPROVAL_RESPONSE) or wait for more approvals");
  }

  private PublishResult respond(ClientConfig config, Identity identity) {
    PrintWriter err = spec.commandLine().getErr();
    try (ApprovalClient client = new ApprovalClient(config)) {
      PendingApproval request = client.require(pack, target.toTarget());
      // The pipeline decides who may answer; these notes only explain in advance why it may ignore
      // the answer.
      if (request.requestedBy().equals(identity.id())) {
        err.println(
            "note: "
                + identity.id()
                + " requested this operation; the answer counts only if pack "
                + pack
                + " allows self-approval");
      }
      if (identity.type() != dev.palm.events.ActorType.HUMAN) {
        err.println(
            "note: the pipeline takes approvals from human actors only, not from a "
                + identity.type().name().toLowerCase(java.util.Locale.ROOT));
      }
      if (request.escalationLevel() == 0
          && !request.recipients().isEmpty()
          && !request.recipients().contains(identity.id())) {
        err.println(
            "note: the request is addressed to "
                + String.join(", ", request.recipients())
                + ", not "
                + identity.id());
      }
      return client.respondTo(request, identity, verdict(), comment, signingKey.load());
    }
  }
}
