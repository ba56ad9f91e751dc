package dev.palm.packs.canonical;

import dev.palm.packs.PlatformPackConfig;

/**
 * The Mapleverse pack: high-throughput swarm orchestration, no human approval, fast recovery with
 * many attempts, hot reload and live migration (docs/pack-contract.md §3, column "mapleverse").
 */
public final class MapleversePack extends CanonicalPack {

  /** Creates the pack with its preset configuration. */
  public MapleversePack() {
    super(presetConfig());
  }

  /** Returns a new Mapleverse pack. */
  public static MapleversePack mapleverse() {
    return new MapleversePack();
  }

  /**
   * Returns the preset configuration of the pack, from the shipped file {@code mapleverse.yaml}.
   */
  public static PlatformPackConfig presetConfig() {
    return preset("mapleverse");
  }
}
