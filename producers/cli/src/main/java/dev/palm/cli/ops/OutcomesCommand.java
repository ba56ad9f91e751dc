package dev.palm.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code palm outcomes}: report what executors did. */
@Command(
    name = "outcomes",
    mixinStandardHelpOptions = true,
    description = "Report the outcome of executing an operation, for reconciliation.",
    subcommands = {ReportOutcomeCommand.class})
public final class OutcomesCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
