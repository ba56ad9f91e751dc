package dev.palm.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code palm decisions}: read the decisions the pipeline published. */
@Command(
    name = "decisions",
    mixinStandardHelpOptions = true,
    description = "Read and follow the decisions of a pack (<prefix>.<pack>.decisions).",
    subcommands = {TailDecisionsCommand.class})
public final class DecisionsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
