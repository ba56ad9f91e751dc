package dev.palm.packs.canonical;

import dev.palm.packs.PlatformPackConfig;

/**
 * The Finalverse pack: human-centric world simulation with safety first: human approval for
 * destructive operations, safety holds, conservative and checkpoint-first recovery
 * (docs/pack-contract.md §3, column "finalverse").
 */
public final class FinalversePack extends CanonicalPack {

  /** Creates the pack with its preset configuration. */
  public FinalversePack() {
    super(presetConfig());
  }

  /** Returns a new Finalverse pack. */
  public static FinalversePack finalverse() {
    return new FinalversePack();
  }

  /**
   * Returns the preset configuration of the pack, from the shipped file {@code finalverse.yaml}.
   */
  public static PlatformPackConfig presetConfig() {
    return preset("finalverse");
  }
}
