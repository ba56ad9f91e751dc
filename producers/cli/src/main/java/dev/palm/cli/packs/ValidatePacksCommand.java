package dev.palm.cli.packs;

import dev.palm.cli.ExitCode;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.files.PackFiles;
import dev.palm.packs.validation.PackValidator;
import dev.palm.packs.validation.ValidationError;
import dev.palm.packs.validation.ValidationResult;
import dev.palm.packs.validation.ValidationWarning;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * `palm packs validate`: loads each pack file and runs the pack validator on it; exit 0 only when
 * every file loads and is valid (warnings and suggestions do not fail it).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Load pack files and validate them (errors, warnings, suggestions).",
      "Exit code: 0 all valid; 1 a file is invalid; 3 a file could not be read or parsed."
    })
public final class ValidatePacksCommand implements Callable<Integer> {

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Pack files (*.yaml, *.yml, *.json).")
  List<Path> files;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = 0;
    // pack names must be unique: two files with one name cannot both be loaded
    Map<String, Path> byName = new HashMap<>();
    for (Path file : files) {
      PlatformPackConfig config;
      try {
        config = PackFiles.load(file);
      } catch (PackException e) {
        err.println("✗ " + file + ": " + e.getMessage());
        exit = Math.max(exit, ExitCode.BAD_INPUT.code());
        continue;
      }
      ValidationResult result = PackValidator.validate(config);
      Path other = byName.putIfAbsent(config.metadata().name(), file);
      if (other != null) {
        result =
            result.withError(
                ValidationError.error(
                    "DUPLICATE_PACK_NAME",
                    "pack name '"
                        + config.metadata().name()
                        + "' is also the name of "
                        + other
                        + "; every pack needs a name of its own",
                    "metadata.name"));
      }
      out.printf(
          "%s %s (pack '%s'): %s, %d error(s), %d warning(s)%n",
          result.valid() ? "✓" : "✗",
          file,
          config.metadata().name(),
          result.valid() ? "valid" : "INVALID",
          result.errors().size(),
          result.warnings().size());
      for (ValidationError e : result.errors()) {
        out.printf(
            "    error   %-28s %s%s%n",
            e.code(), e.message(), e.field().map(f -> " [" + f + "]").orElse(""));
      }
      for (ValidationWarning w : result.warnings()) {
        out.printf(
            "    warning %-28s %s%s%n",
            w.code(), w.message(), w.field().map(f -> " [" + f + "]").orElse(""));
      }
      for (String s : result.suggestions()) {
        out.printf("    suggestion %s%n", s);
      }
      if (!result.valid()) {
        exit = Math.max(exit, ExitCode.CHECK_FAILED.code());
      }
    }
    out.flush();
    return exit;
  }
}
