package dev.palm.client;

/**
 * Thrown when the schema registry cannot be reached while decoding records, so that an outage is
 * reported as one rather than as undecodable (let alone tampered) records.
 */
public final class RegistryUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
