package dev.palm.registry;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The schema registry could not be reached, timed out, or answered 5xx/429 on every attempt: an
 * outage, not bad data. Processing must wait and retry; the record being handled is not a poison
 * pill.
 */
public class RegistryUnavailableException extends RegistryException {

  private static final long serialVersionUID = 1L;

  /** An outage; see {@link RegistryException#RegistryException} for the parameters. */
  public RegistryUnavailableException(
      String message,
      String url,
      int status,
      OptionalInt errorCode,
      Optional<String> registryMessage,
      Throwable cause) {
    super(message, url, status, errorCode, registryMessage, cause);
  }

  @Override
  public boolean isRetriable() {
    return true;
  }

  /** Whether {@code t} or one of its causes is a registry outage. */
  public static boolean isCause(Throwable t) {
    return find(t).isPresent();
  }

  /** The outage among {@code t} and its causes. */
  public static Optional<RegistryUnavailableException> find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RegistryUnavailableException r) {
        return Optional.of(r);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return Optional.empty();
  }
}
