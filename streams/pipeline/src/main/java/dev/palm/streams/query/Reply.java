package dev.palm.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP answer of the query API: status, content type, body and extra headers.
 *
 * @param status HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body bytes
 * @param headers extra response headers
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

  /** The content type of every JSON answer. */
  public static final String JSON = "application/json; charset=utf-8";

  /**
   * Renders JSON answers: records with {@code Optional} members as their value or null, indented
   * for humans.
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public Reply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A JSON answer. */
  public static Reply json(int status, JsonNode body) {
    return json(status, body, Map.of());
  }

  /** A JSON answer with extra headers. */
  public static Reply json(int status, JsonNode body, Map<String, String> headers) {
    try {
      return new Reply(status, JSON, MAPPER.writeValueAsBytes(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a JSON answer: " + e.getMessage(), e);
    }
  }

  /** A JSON error: {@code {"error": code, "message": message}}. */
  public static Reply error(int status, String code, String message, Map<String, String> headers) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("error", code);
    body.put("message", message);
    return json(status, body, headers);
  }

  /** The answer to a {@link QueryFailure}. */
  public static Reply of(QueryFailure failure) {
    Map<String, String> headers = failure.status() == 503 ? Map.of("Retry-After", "1") : Map.of();
    return error(failure.status(), failure.code(), failure.getMessage(), headers);
  }

  /** A plain-text answer. */
  public static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** This answer with one more header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> all = new HashMap<>(headers);
    all.put(name, value);
    return new Reply(status, contentType, body, all);
  }
}
