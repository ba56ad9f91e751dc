package dev.palm.packs.spec;

/** How autonomously a resonator may commit (default {@link #GUIDED_AUTONOMY}). */
public enum AutonomyLevel {
  /** All commitments require human approval. */
  FULL_HUMAN_OVERSIGHT,
  /** Low-risk commitments can be auto-approved; the default. */
  GUIDED_AUTONOMY,
  /** Only high-risk commitments need review. */
  HIGH_AUTONOMY
}
