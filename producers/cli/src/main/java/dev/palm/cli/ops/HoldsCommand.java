package dev.palm.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code palm holds}: list, release and cancel safety holds. */
@Command(
    name = "holds",
    mixinStandardHelpOptions = true,
    description = "List the safety holds in force for a pack, and release or cancel them.",
    subcommands = {
      ListHoldsCommand.class,
      SettleHoldCommand.Release.class,
      SettleHoldCommand.Cancel.class
    })
public final class HoldsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
