package dev.palm.packs.spec;

/** How much risk a resonator accepts (default {@link #BALANCED}). */
public enum RiskTolerance {
  /** Avoids risk. */
  CONSERVATIVE,
  /** The default. */
  BALANCED,
  /** Accepts risk. */
  AGGRESSIVE
}
