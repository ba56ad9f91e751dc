package dev.palm.cli.packs;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `palm packs`: list, show, validate and check the conformance of platform packs. */
@Command(
    name = "packs",
    mixinStandardHelpOptions = true,
    description =
        "List, show, validate and run conformance on platform packs (built-in, service-loaded or files).",
    subcommands = {
      ListPacksCommand.class,
      ShowPackCommand.class,
      ValidatePacksCommand.class,
      ConformanceCommand.class
    })
public final class PacksCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
