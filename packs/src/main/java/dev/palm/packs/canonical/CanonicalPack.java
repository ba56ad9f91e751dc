package dev.palm.packs.canonical;

import dev.palm.packs.ConfigBackedPack;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.files.PackFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the three canonical packs shipped with PALM: each is a fixed {@link PlatformPackConfig}
 * with the preset values of docs/pack-contract.md §3, read from its pack file ({@code
 * packs/<name>.yaml}, shipped on the class path): the file is the one record of the pack.
 */
public abstract sealed class CanonicalPack extends ConfigBackedPack
    permits MapleversePack, FinalversePack, IBankPack {

  /**
   * The {@code created_at}/{@code updated_at} of the canonical packs. The original stamps {@code
   * Utc::now()}; a fixed instant makes the presets reproducible, so that the shipped pack files
   * equal the classes and an audit trail's pack configuration can be re-derived later.
   */
  public static final Instant PRESET_TIMESTAMP = Instant.parse("2025-01-01T00:00:00Z");

  CanonicalPack(PlatformPackConfig config) {
    super(config);
  }

  /**
   * The configuration in the shipped pack file {@code <name>.yaml}.
   *
   * @throws IllegalStateException when the file is missing from the class path or does not parse (a
   *     broken build, never a user's input)
   */
  static PlatformPackConfig preset(String name) {
    // configurations are immutable: read each file once
    return PRESETS.computeIfAbsent(name, CanonicalPack::read);
  }

  private static final Map<String, PlatformPackConfig> PRESETS = new ConcurrentHashMap<>();

  private static PlatformPackConfig read(String name) {
    String resource = name + ".yaml";
    try (InputStream in = CanonicalPack.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "The canonical pack file "
                + resource
                + " is not on the class path next to "
                + CanonicalPack.class.getName()
                + "; rebuild the packs module");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return PackFiles.fromYaml(yaml, "built-in " + resource);
    } catch (IOException | PackException e) {
      throw new IllegalStateException(
          "The canonical pack file " + resource + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Returns fresh instances of the three canonical packs: Mapleverse, Finalverse, iBank. */
  public static List<PlatformPack> all() {
    return List.of(new MapleversePack(), new FinalversePack(), new IBankPack());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + metadata().name() + " " + metadata().version() + "]";
  }
}
