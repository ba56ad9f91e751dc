package dev.palm.packs.canonical;

import dev.palm.packs.PlatformPackConfig;

/**
 * The iBank pack: autonomous financial operations with accountability above all: full
 * accountability proof, force operations blocked, manual hold release, seven-year audit retention,
 * no live migration (docs/pack-contract.md §3, column "ibank").
 */
public final class IBankPack extends CanonicalPack {

  /** Creates the pack with its preset configuration. */
  public IBankPack() {
    super(presetConfig());
  }

  /** Returns a new iBank pack. */
  public static IBankPack ibank() {
    return new IBankPack();
  }

  /** Returns the preset configuration of the pack, from the shipped file {@code ibank.yaml}. */
  public static PlatformPackConfig presetConfig() {
    return preset("ibank");
  }
}
