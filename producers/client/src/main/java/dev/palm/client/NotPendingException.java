package dev.palm.client;

/**
 * Thrown when an approval or hold that a command addresses is not pending (never existed, already
 * settled or expired); the message lists what is pending.
 */
public final class NotPendingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotPendingException(String message) {
    super(message);
  }
}
