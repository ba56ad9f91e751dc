package dev.palm.cli.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code palm audit}: query, verify and export a pack's hash-chained audit trail. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Query, verify and export the audit trail of a pack (<prefix>.<pack>.audit).",
    subcommands = {
      QueryAuditCommand.class,
      VerifyAuditCommand.class,
      ExportAuditCommand.class,
      ProveAuditCommand.class,
      VerifyProofCommand.class
    })
public final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
