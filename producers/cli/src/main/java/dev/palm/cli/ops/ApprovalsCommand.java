package dev.palm.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code palm approvals}: list and answer approval requests. */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description =
        "List the open approval requests of a pack, approve or reject them, and grant or revoke"
            + " standing approvals.",
    subcommands = {
      ListApprovalsCommand.class,
      AnswerApprovalCommand.Approve.class,
      AnswerApprovalCommand.Reject.class,
      GrantCommand.Grant.class,
      GrantCommand.Revoke.class
    })
public final class ApprovalsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
