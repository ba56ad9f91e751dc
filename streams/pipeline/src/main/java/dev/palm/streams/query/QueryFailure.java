package dev.palm.streams.query;

import java.util.Objects;

/**
 * A request the query API cannot answer, with the HTTP status and a short machine-readable code
 * that the JSON error body carries next to the message.
 */
public final class QueryFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * A failure answered with {@code status}, {@code code} (e.g. {@code not_found}) and {@code
   * message}.
   */
  public QueryFailure(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A failure caused by {@code cause}. */
  public QueryFailure(int status, String code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  /** 404: the named thing does not exist. */
  public static QueryFailure notFound(String message) {
    return new QueryFailure(404, "not_found", message);
  }

  /** 400: the request is malformed. */
  public static QueryFailure badRequest(String message) {
    return new QueryFailure(400, "bad_request", message);
  }

  /**
   * 503: the pipeline cannot answer right now (rebalancing, restoring, Kafka unreachable); retry
   * later.
   */
  public static QueryFailure unavailable(String message, Throwable cause) {
    return new QueryFailure(503, "unavailable", message, cause);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error code of the JSON body. */
  public String code() {
    return code;
  }
}
