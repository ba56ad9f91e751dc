package dev.palm.cli.packs;

import dev.palm.cli.ExitCode;
import dev.palm.packs.PackException;
import dev.palm.packs.registry.PackRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `palm packs list`: one line per known pack with its version, profile and where it came from. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the known packs and their sources.")
public final class ListPacksCommand implements Callable<Integer> {

  @Mixin PackSources sources;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PackRegistry registry;
    try {
      registry = sources.registry();
    } catch (PackException e) {
      spec.commandLine().getErr().println("palm packs list: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
    String format = "%-16s %-10s %-22s %s%n";
    out.printf(format, "NAME", "VERSION", "PROFILE", "SOURCE");
    for (PackRegistry.RegisteredPack entry : registry.packs()) {
      out.printf(
          format,
          entry.name(),
          entry.pack().metadata().version(),
          entry.pack().profile(),
          entry.source().describe());
    }
    out.flush();
    return 0;
  }
}
