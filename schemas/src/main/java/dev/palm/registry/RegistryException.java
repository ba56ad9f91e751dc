package dev.palm.registry;

import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry call that failed with an answer: the message names the URL, the subject or
 * schema id, the HTTP status and the registry's own {@code error_code} and {@code message}. A
 * {@link SerializationException}, so Kafka clients treat it as a failed (de)serialization.
 */
public class RegistryException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final String url;
  private final int status;
  private final OptionalInt errorCode;
  private final Optional<String> registryMessage;

  /**
   * @param message what PALM was doing and what failed
   * @param url the URL called
   * @param status HTTP status, or -1 when there was no answer
   * @param errorCode the registry's {@code error_code}, when it sent one
   * @param registryMessage the registry's {@code message}, when it sent one
   * @param cause the underlying exception, or null
   */
  public RegistryException(
      String message,
      String url,
      int status,
      OptionalInt errorCode,
      Optional<String> registryMessage,
      Throwable cause) {
    super(message, cause);
    this.url = url;
    this.status = status;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
  }

  /** The URL that was called. */
  public String url() {
    return url;
  }

  /** The HTTP status, or -1 when the registry did not answer. */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code}, e.g. 40403 (schema not found) or 409 (incompatible). */
  public OptionalInt errorCode() {
    return errorCode;
  }

  /** The registry's {@code message}. */
  public Optional<String> registryMessage() {
    return registryMessage;
  }

  /** Whether the registry answered 404 (unknown subject, version or schema id). */
  public boolean isNotFound() {
    return status == 404;
  }

  /**
   * Whether waiting may help: no answer, HTTP 5xx or 429. {@link RegistryUnavailableException} is
   * the exception of that kind.
   */
  public boolean isRetriable() {
    return false;
  }
}
