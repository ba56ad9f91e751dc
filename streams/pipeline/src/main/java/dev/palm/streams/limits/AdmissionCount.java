package dev.palm.streams.limits;

/** How many operations a pack admitted in the sliding 60-second window ending at a time. */
@FunctionalInterface
public interface AdmissionCount {

  /** Length of the window. */
  long WINDOW_MS = 60_000L;

  /** Operations admitted in the window {@code (now - 60 s, now]}. */
  int countAt(long now);
}
