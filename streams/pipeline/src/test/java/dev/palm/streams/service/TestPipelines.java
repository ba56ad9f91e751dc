package dev.palm.streams.service;

import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.files.PackFiles;
import dev.palm.streams.infra.SharedInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipeline configurations for integration tests: the JVM's shared broker and registry, a topic
 * prefix and application id of their own.
 */
public final class TestPipelines {

  /** The demonstration pack with short timers shipped in {@code packs/examples}. */
  public static final Path QUICKVERSE = Path.of("..", "..", "packs", "examples", "quickverse.yaml");

  private TestPipelines() {}

  /** A configuration with a unique topic prefix and application id, and a fresh state folder. */
  public static PipelineConfig config(String label) {
    String prefix = SharedInfra.uniquePrefix(label);
    return PipelineConfig.builder()
        .bootstrapServers(SharedInfra.bootstrapServers())
        .registryUrl(SharedInfra.registryUrl())
        .stateDir(tempDir(prefix))
        .applicationId(prefix)
        .topicPrefix(prefix)
        .commitInterval(Duration.ofMillis(100))
        .build();
  }

  /** The three canonical packs and, when asked, the demonstration pack. */
  public static List<PlatformPack> packs(boolean withQuickverse) {
    List<PlatformPack> packs = new ArrayList<>(CanonicalPack.all());
    if (withQuickverse) {
      try {
        packs.add(PackFiles.load(QUICKVERSE).toPack());
      } catch (dev.palm.packs.PackException e) {
        throw new IllegalStateException("cannot load " + QUICKVERSE + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(packs);
  }

  /** Deletes a test's state folder and everything in it. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public static Path tempDir(String label) {
    try {
      return Files.createTempDirectory("palm-" + label + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
