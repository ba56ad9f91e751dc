package dev.palm.streams.service;

/**
 * The pipeline refused to start: its checkpoint signing key is not the one that signed a pack's
 * latest checkpoint, and no rotation was asked for.
 */
public final class SigningKeyChangedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  SigningKeyChangedException(String message) {
    super(message);
  }
}
