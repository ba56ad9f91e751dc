package dev.palm.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A small client for the Confluent Schema Registry REST API (v7), the API that Confluent Schema
 * Registry, Karapace, Redpanda and Apicurio ({@code /apis/ccompat/v7}) all serve: register a schema
 * under a subject, look one up, fetch a schema by id, the latest version of a subject, get and set
 * a subject's compatibility level, and test a schema's compatibility.
 *
 * <p>Schemas by id and ids by (subject, schema) are cached for the client's lifetime (ids never
 * change their schema), so a warmed-up serde does no I/O. Connection errors, timeouts, HTTP 5xx and
 * 429 are retried with exponential backoff ({@link RegistryConfig#maxAttempts()}), other 4xx never;
 * a call that still fails throws {@link RegistryUnavailableException} (an outage) or {@link
 * RegistryException} (an answer), both naming the URL, the subject or id, the status and the
 * registry's {@code error_code}/{@code message}. Thread-safe.
 */
public final class SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/json;q=0.9";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryConfig config;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  /** A client for the registry of {@code config}. */
  public SchemaRegistryClient(RegistryConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.authorization =
        config
            .basicUserInfo()
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
            .or(() -> config.bearerToken().map(token -> "Bearer " + token));
  }

  /** The configuration this client uses. */
  public RegistryConfig config() {
    return config;
  }

  /**
   * Registers {@code schema} under {@code subject} (a no-op returning the existing id when the
   * subject already has it) and returns its id.
   *
   * @throws RegistryException with status 409 when the subject's compatibility level refuses the
   *     schema
   */
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer =
        call(
            "POST",
            "/subjects/" + path(subject) + "/versions",
            schemaBody(schema),
            "register a schema under subject '" + subject + "'");
    int id = requiredInt(answer, "id", "register under '" + subject + "'");
    remember(subject, schema, id);
    return id;
  }

  /**
   * The id of {@code schema} under {@code subject}, when the subject has that schema; never
   * registers.
   */
  public Optional<Integer> lookup(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      JsonNode answer =
          call(
              "POST",
              "/subjects/" + path(subject),
              schemaBody(schema),
              "look up a schema under subject '" + subject + "'");
      int id = requiredInt(answer, "id", "look up under '" + subject + "'");
      remember(subject, schema, id);
      return Optional.of(id);
    } catch (RegistryException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The schema with id {@code id}.
   *
   * @throws RegistryException with {@link RegistryException#isNotFound()} when the registry has no
   *     such id
   */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
    String type = answer.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new RegistryException(
          "Schema id " + id + " at " + config.url() + " is a " + type + " schema, not Avro",
          config.url(),
          200,
          OptionalInt.empty(),
          Optional.empty(),
          null);
    }
    Schema schema = parse(answer.path("schema").asText(null), "schema id " + id);
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  /** The latest version of {@code subject}, or empty when the subject does not exist. */
  public Optional<SubjectVersion> latest(String subject) {
    try {
      JsonNode answer =
          call(
              "GET",
              "/subjects/" + path(subject) + "/versions/latest",
              null,
              "fetch the latest version of subject '" + subject + "'");
      int id = requiredInt(answer, "id", "latest of '" + subject + "'");
      Schema schema = parse(answer.path("schema").asText(null), "subject '" + subject + "'");
      schemasById.putIfAbsent(id, schema);
      return Optional.of(
          new SubjectVersion(subject, requiredInt(answer, "version", subject), id, schema));
    } catch (RegistryException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The subjects the registry knows. */
  public List<String> subjects() {
    JsonNode answer = call("GET", "/subjects", null, "list subjects");
    List<String> subjects = new ArrayList<>();
    answer.forEach(n -> subjects.add(n.asText()));
    return List.copyOf(subjects);
  }

  /**
   * The compatibility level set on {@code subject} itself, or empty when it has none of its own
   * (then the global level applies).
   */
  public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    try {
      JsonNode answer =
          call(
              "GET",
              "/config/" + path(subject),
              null,
              "read the compatibility level of subject '" + subject + "'");
      return Optional.of(level(answer, subject));
    } catch (RegistryException e) {
      // 40401 subject not found, 40408 subject has no level of its own (Confluent); both mean
      // "global"
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The registry's global compatibility level. */
  public CompatibilityLevel globalCompatibility() {
    return level(call("GET", "/config", null, "read the global compatibility level"), "(global)");
  }

  /** Sets {@code subject}'s own compatibility level. */
  public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
    call(
        "PUT",
        "/config/" + path(subject),
        body.toString(),
        "set the compatibility level of subject '" + subject + "' to " + level);
  }

  /**
   * Whether the registry would accept {@code schema} as the next version of {@code subject} (always
   * compatible when the subject does not exist yet).
   */
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    try {
      JsonNode answer =
          call(
              "POST",
              "/compatibility/subjects/" + path(subject) + "/versions/latest?verbose=true",
              schemaBody(schema),
              "test a schema against subject '" + subject + "'");
      List<String> messages = new ArrayList<>();
      JsonNode list = answer.path("messages");
      list.forEach(n -> messages.add(n.asText()));
      JsonNode reason = answer.path("reason");
      if (messages.isEmpty() && reason.isTextual()) {
        messages.add(reason.asText());
      }
      return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    } catch (RegistryException e) {
      if (e.isNotFound()) {
        return new CompatibilityResult(true, List.of());
      }
      throw e;
    }
  }

  /**
   * Checks that the URL answers as a Confluent-compatible registry within the client's bounds, and
   * returns the global compatibility level as proof.
   *
   * @throws RegistryUnavailableException when nothing answers
   * @throws RegistryException when something answers that is not the Confluent API (with a hint for
   *     Apicurio's base URL)
   */
  public CompatibilityLevel check() {
    try {
      return globalCompatibility();
    } catch (RegistryException e) {
      if (e.isRetriable() || e.status() != 404) {
        throw e;
      }
      throw new RegistryException(
          "The schema registry URL "
              + config.url()
              + " does not serve the Confluent"
              + " REST API (GET /config answered 404); give the registry's Confluent-compatible URL, e.g. "
              + config.url()
              + "/apis/ccompat/v7 for Apicurio Registry",
          e.url(),
          e.status(),
          e.errorCode(),
          e.registryMessage(),
          e);
    }
  }

  private Integer cachedId(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.get(subject);
    return ids == null ? null : ids.get(schema);
  }

  private void remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private CompatibilityLevel level(JsonNode answer, String subject) {
    String text =
        answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(null));
    if (text == null) {
      throw new RegistryException(
          "The registry at "
              + config.url()
              + " answered the compatibility level of "
              + subject
              + " without a level: "
              + answer,
          config.url(),
          200,
          OptionalInt.empty(),
          Optional.empty(),
          null);
    }
    return CompatibilityLevel.parse(text);
  }

  private Schema parse(String text, String what) {
    if (text == null) {
      throw new RegistryException(
          "The registry at " + config.url() + " answered " + what + " without a schema",
          config.url(),
          200,
          OptionalInt.empty(),
          Optional.empty(),
          null);
    }
    try {
      return new Schema.Parser().setValidateDefaults(false).parse(text);
    } catch (SchemaParseException e) {
      throw new RegistryException(
          "The registry at "
              + config.url()
              + " holds "
              + what
              + " that is not a valid"
              + " Avro schema: "
              + e.getMessage(),
          config.url(),
          200,
          OptionalInt.empty(),
          Optional.empty(),
          e);
    }
  }

  private int requiredInt(JsonNode answer, String field, String what) {
    JsonNode n = answer.path(field);
    if (!n.canConvertToInt()) {
      throw new RegistryException(
          "The registry at "
              + config.url()
              + " answered '"
              + what
              + "' without a"
              + " numeric '"
              + field
              + "': "
              + answer,
          config.url(),
          200,
          OptionalInt.empty(),
          Optional.empty(),
          null);
    }
    return n.asInt();
  }

  /**
   * One REST call with the retry policy: each URL in turn per attempt, backoff between attempts on
   * outages; the first answer that is not an outage decides.
   */
  private JsonNode call(String method, String pathAndQuery, String body, String what) {
    RegistryUnavailableException outage = null;
    long backoff = config.initialBackoff().toMillis();
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      for (URI base : config.urls()) {
        try {
          return once(base, method, pathAndQuery, body, what);
        } catch (RegistryUnavailableException e) {
          outage = e;
        }
      }
      if (attempt < config.maxAttempts()) {
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
    throw outage;
  }

  private JsonNode once(URI base, String method, String pathAndQuery, String body, String what) {
    String url = base + pathAndQuery;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT);
    authorization.ifPresent(value -> request.header("Authorization", value));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new RegistryUnavailableException(
          "Schema registry at "
              + url
              + " did not answer within "
              + config.requestTimeout().toMillis()
              + " ms ("
              + what
              + ")",
          url,
          -1,
          OptionalInt.empty(),
          Optional.empty(),
          e);
    } catch (IOException e) {
      throw new RegistryUnavailableException(
          "Cannot reach the schema registry at "
              + url
              + " ("
              + what
              + "): "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          url,
          -1,
          OptionalInt.empty(),
          Optional.empty(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(
          "Interrupted while calling the schema registry at " + url,
          url,
          -1,
          OptionalInt.empty(),
          Optional.empty(),
          e);
    }
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    JsonNode json = tryJson(text);
    if (status >= 200 && status < 300) {
      if (json == null) {
        throw new RegistryException(
            "The schema registry at "
                + url
                + " answered "
                + status
                + " with a body"
                + " that is not JSON ("
                + abbreviate(text)
                + "); is this the Confluent-compatible API? ("
                + what
                + ")",
            url,
            status,
            OptionalInt.empty(),
            Optional.empty(),
            null);
      }
      return json;
    }
    OptionalInt errorCode =
        json != null && json.path("error_code").canConvertToInt()
            ? OptionalInt.of(json.path("error_code").asInt())
            : OptionalInt.empty();
    Optional<String> message =
        json != null && json.path("message").isTextual()
            ? Optional.of(json.path("message").asText())
            : Optional.empty();
    String detail =
        "HTTP "
            + status
            + errorCode.stream().mapToObj(c -> ", error_code " + c).findFirst().orElse("")
            + ": "
            + message.orElse(abbreviate(text));
    String hint =
        switch (status) {
          case 401 ->
              "; the registry wants credentials: set "
                  + RegistryConfig.BASIC_AUTH_USER_INFO
                  + " or "
                  + RegistryConfig.BEARER_AUTH_TOKEN
                  + " in the client config";
          case 403 -> "; the credentials lack the permission for this call (see docs/running.md)";
          default -> "";
        };
    String full = "Schema registry at " + url + " refused to " + what + " (" + detail + ")" + hint;
    if (status >= 500 || status == 429) {
      throw new RegistryUnavailableException(full, url, status, errorCode, message, null);
    }
    throw new RegistryException(full, url, status, errorCode, message, null);
  }

  private static JsonNode tryJson(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() > 200 ? one.substring(0, 200) + "…" : one.isEmpty() ? "empty body" : one;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The timeout bound of one call with all its attempts, for callers that must stay within a
   * budget.
   */
  public Duration worstCaseCallTime() {
    long perAttempt =
        config.urls().size()
            * (config.connectTimeout().toMillis() + config.requestTimeout().toMillis());
    long pauses = 0;
    long backoff = config.initialBackoff().toMillis();
    for (int i = 1; i < config.maxAttempts(); i++) {
      pauses += backoff;
      backoff = Math.min(backoff * 2, 5_000);
    }
    return Duration.ofMillis(perAttempt * config.maxAttempts() + pauses);
  }
}
