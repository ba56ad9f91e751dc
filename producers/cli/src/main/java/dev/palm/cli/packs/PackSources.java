package dev.palm.cli.packs;

import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.files.PackFiles;
import dev.palm.packs.registry.PackRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The `--packs-dir` option shared by the pack commands, and the resolution of a command argument
 * that is either a pack name or a pack file.
 */
public final class PackSources {

  @Option(
      names = "--packs-dir",
      paramLabel = "DIR",
      description = "Also load every pack file (*.yaml, *.yml, *.json) of this folder.")
  Optional<Path> packsDir = Optional.empty();

  /** The registry of built-in, service-loaded and `--packs-dir` packs. */
  public PackRegistry registry() throws PackException {
    PackRegistry.Builder builder = PackRegistry.builder().withBuiltins().withServiceLoader();
    if (packsDir.isPresent()) {
      Path dir = packsDir.get();
      if (!Files.isDirectory(dir)) {
        throw new PackException(
            dev.palm.packs.PackError.IO,
            "--packs-dir "
                + dir
                + " is not a folder; give a folder that holds pack files (*.yaml, *.yml, *.json)");
      }
      builder.withDirectory(dir);
    }
    return builder.build();
  }

  /**
   * True when {@code arg} names a file rather than a pack (it exists, or has a pack file
   * extension).
   */
  public static boolean looksLikeFile(String arg) {
    Path p = Path.of(arg);
    return Files.isRegularFile(p) || PackFiles.formatOf(p).isPresent();
  }

  /** A pack by name from the registry, or loaded from a file path. */
  public PlatformPack resolve(String arg, PackRegistry registry) throws PackException {
    if (looksLikeFile(arg)) {
      return PackFiles.load(Path.of(arg)).toPack();
    }
    return registry
        .find(arg)
        .orElseThrow(
            () ->
                new PackException(
                    dev.palm.packs.PackError.VALIDATION,
                    "unknown pack '"
                        + arg
                        + "'; known packs: "
                        + String.join(", ", registry.names())
                        + " (or give a pack file path, or --packs-dir DIR)"));
  }
}
