package dev.palm.packs;

import java.util.Objects;

/**
 * A failure of a pack or of loading one, with the {@link PackError} kind that says what went wrong.
 */
public class PackException extends Exception {

  private static final long serialVersionUID = 1L;

  private final PackError kind;

  /**
   * Creates an exception of {@code kind} whose message names the thing that is wrong and what to
   * do.
   */
  public PackException(PackError kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Creates an exception of {@code kind} caused by {@code cause}. */
  public PackException(PackError kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Returns the kind of failure. */
  public PackError kind() {
    return kind;
  }

  @Override
  public String toString() {
    return kind + ": " + getMessage();
  }
}
