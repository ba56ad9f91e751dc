package dev.palm.cli.packs;

import dev.palm.cli.ExitCode;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.files.PackFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `palm packs show`: prints a pack as a pack file (YAML or JSON) that loads back to the same
 * config.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Print a pack as a YAML or JSON pack file.")
public final class ShowPackCommand implements Callable<Integer> {

  /** Output formats of `show`. */
  public enum OutputFormat {
    yaml,
    json
  }

  @Mixin PackSources sources;

  @Parameters(
      index = "0",
      paramLabel = "NAME|FILE",
      description = "A pack name (see `palm packs list`) or a pack file.")
  String pack;

  @Option(
      names = "--format",
      paramLabel = "yaml|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.yaml;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      PlatformPack resolved = sources.resolve(pack, sources.registry());
      PlatformPackConfig config = PlatformPackConfig.of(resolved);
      String text =
          format == OutputFormat.json ? PackFiles.toJson(config) : PackFiles.toYaml(config);
      spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
      spec.commandLine().getOut().flush();
      return 0;
    } catch (PackException e) {
      spec.commandLine().getErr().println("palm packs show: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
  }
}
