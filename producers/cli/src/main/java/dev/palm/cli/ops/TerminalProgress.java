package dev.palm.cli.ops;

import dev.palm.client.ReadProgress;
import java.io.PrintWriter;

/**
 * Draws the progress of a long read as one self-overwriting line on standard error, only when a
 * terminal is attached ({@code System.console() != null}); piped or redirected runs stay quiet.
 */
public final class TerminalProgress implements ReadProgress {

  private final PrintWriter err;
  private final String label;
  private boolean drawn;

  private TerminalProgress(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  /** Progress on {@code err} when on a terminal, otherwise {@link ReadProgress#NONE}. */
  public static ReadProgress of(PrintWriter err, String label) {
    return System.console() != null ? new TerminalProgress(err, label) : ReadProgress.NONE;
  }

  @Override
  public void update(long done, long total) {
    String percent = total > 0 ? " (" + Math.min(100, done * 100 / total) + "%)" : "";
    err.print("\r" + label + ": " + done + " of ~" + total + " records" + percent + "   ");
    err.flush();
    drawn = true;
  }

  /** Ends the progress line so later output starts on a fresh line. */
  public static void finish(ReadProgress progress) {
    if (progress instanceof TerminalProgress terminal && terminal.drawn) {
      terminal.err.print("\r" + " ".repeat(terminal.label.length() + 40) + "\r");
      terminal.err.flush();
    }
  }
}
