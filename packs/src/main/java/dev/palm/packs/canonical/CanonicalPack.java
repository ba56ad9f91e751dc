package dev.palm.packs.canonical;

import dev.palm.packs.ConfigBackedPack;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import java.time.Instant;
import java.util.List;

/**
 * Base of the three canonical packs shipped with PALM: each is a fixed {@link PlatformPackConfig}
 * with the preset values of docs/pack-contract.md §3.
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

  /** Returns fresh instances of the three canonical packs: Mapleverse, Finalverse, iBank. */
  public static List<PlatformPack> all() {
    return List.of(new MapleversePack(), new FinalversePack(), new IBankPack());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + metadata().name() + " " + metadata().version() + "]";
  }
}
