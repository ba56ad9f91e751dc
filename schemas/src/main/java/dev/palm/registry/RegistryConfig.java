package dev.palm.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach a Confluent-compatible schema registry (Confluent Schema Registry, Karapace,
 * Redpanda, Apicurio's {@code /apis/ccompat/v7}): its URL(s), credentials, timeouts and retries,
 * and whether serializers may register new schemas.
 *
 * <p>{@link #fromMap} reads the settings Confluent's serdes use, so a client properties file
 * written for them works here: {@code schema.registry.url} (comma-separated URLs are tried in
 * turn), {@code basic.auth.user.info} with {@code basic.auth.credentials.source=USER_INFO} (or user
 * info in the URL), {@code bearer.auth.token} with {@code
 * bearer.auth.credentials.source=STATIC_TOKEN}, {@code auto.register.schemas}. TLS uses the JDK's
 * trust store ({@code -Djavax.net.ssl.trustStore=…}). See docs/running.md.
 *
 * @param urls base URLs of the Confluent REST API, without a trailing slash
 * @param basicUserInfo {@code user:password} for HTTP basic authentication
 * @param bearerToken a static bearer token
 * @param autoRegister whether serializers register a schema that the subject does not have yet
 * @param connectTimeout bound of one TCP connect
 * @param requestTimeout bound of one HTTP request
 * @param maxAttempts attempts of one call on connection errors, HTTP 5xx and 429 (never on other
 *     4xx)
 * @param initialBackoff pause after the first failed attempt; doubled after each further one
 */
public record RegistryConfig(
    List<URI> urls,
    Optional<String> basicUserInfo,
    Optional<String> bearerToken,
    boolean autoRegister,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff) {

  /** The registry URL(s), comma-separated (Confluent's name). */
  public static final String URL = "schema.registry.url";

  /**
   * Where basic-auth credentials come from: {@code USER_INFO} or {@code URL} (Confluent's name).
   */
  public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";

  /** {@code user:password} for basic authentication (Confluent's name). */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /** Where the bearer token comes from: {@code STATIC_TOKEN} (Confluent's name). */
  public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";

  /** A static bearer token (Confluent's name). */
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";

  /** Whether serializers register missing schemas, {@code true} by default (Confluent's name). */
  public static final String AUTO_REGISTER = "auto.register.schemas";

  /** Milliseconds one registry request may take (PALM's name; default 5000). */
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  /** Milliseconds one connect may take (PALM's name; default 2000). */
  public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";

  /** Attempts per call on outages (PALM's name; default 3). */
  public static final String MAX_ATTEMPTS = "schema.registry.max.attempts";

  /** First pause between attempts in milliseconds (PALM's name; default 100). */
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

  /**
   * Every setting this class reads; anything else in a client config file is a Kafka client
   * setting.
   */
  private static final Set<String> KEYS =
      Set.of(
          URL,
          BASIC_AUTH_SOURCE,
          BASIC_AUTH_USER_INFO,
          BEARER_AUTH_SOURCE,
          BEARER_AUTH_TOKEN,
          AUTO_REGISTER,
          REQUEST_TIMEOUT_MS,
          CONNECT_TIMEOUT_MS,
          MAX_ATTEMPTS,
          RETRY_BACKOFF_MS);

  /** Validates the components. */
  public RegistryConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("No schema registry URL; set " + URL);
    }
    Objects.requireNonNull(basicUserInfo, "basicUserInfo");
    Objects.requireNonNull(bearerToken, "bearerToken");
    if (basicUserInfo.isPresent() && bearerToken.isPresent()) {
      throw new IllegalArgumentException(
          "Both basic and bearer authentication are configured for the schema"
              + " registry; give one of "
              + BASIC_AUTH_USER_INFO
              + " and "
              + BEARER_AUTH_TOKEN);
    }
    requirePositive(connectTimeout, CONNECT_TIMEOUT_MS);
    requirePositive(requestTimeout, REQUEST_TIMEOUT_MS);
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1, got " + maxAttempts);
    }
  }

  /**
   * The registry at {@code url} with default settings (no authentication, auto-registration on).
   */
  public static RegistryConfig of(String url) {
    return fromMap(Map.of(URL, url));
  }

  /**
   * The settings of a serde or client configuration map (values may be strings or typed values).
   *
   * @throws IllegalArgumentException naming the setting, when a value is malformed or missing
   */
  public static RegistryConfig fromMap(Map<String, ?> config) {
    Object rawUrl = config.get(URL);
    if (rawUrl == null || rawUrl.toString().isBlank()) {
      throw new IllegalArgumentException(
          "No schema registry URL; set "
              + URL
              + " (or --registry-url), e.g. http://localhost:8081");
    }
    List<URI> urls = new ArrayList<>();
    Optional<String> urlUserInfo = Optional.empty();
    for (String part : rawUrl.toString().split(",")) {
      if (part.isBlank()) {
        continue;
      }
      URI uri = parseUrl(part.strip());
      if (uri.getRawUserInfo() != null) {
        urlUserInfo = Optional.of(uri.getUserInfo());
        uri =
            URI.create(
                uri.getScheme()
                    + "://"
                    + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + Optional.ofNullable(uri.getRawPath()).orElse(""));
      }
      urls.add(uri);
    }
    Optional<String> basic = Optional.empty();
    String basicSource = string(config, BASIC_AUTH_SOURCE).orElse(null);
    Optional<String> userInfo =
        string(config, BASIC_AUTH_USER_INFO)
            .or(() -> string(config, "schema.registry." + BASIC_AUTH_USER_INFO));
    if (basicSource == null) {
      basic = userInfo.isPresent() ? userInfo : urlUserInfo;
    } else {
      switch (basicSource.strip().toUpperCase(Locale.ROOT)) {
        case "USER_INFO" ->
            basic =
                Optional.of(
                    userInfo.orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                BASIC_AUTH_SOURCE
                                    + "=USER_INFO needs "
                                    + BASIC_AUTH_USER_INFO
                                    + "=user:password")));
        case "URL" ->
            basic =
                Optional.of(
                    urlUserInfo.orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                BASIC_AUTH_SOURCE
                                    + "=URL needs the credentials in "
                                    + URL
                                    + ", e.g. https://user:pw@host")));
        default ->
            throw new IllegalArgumentException(
                BASIC_AUTH_SOURCE + " must be USER_INFO or URL, got '" + basicSource + "'");
      }
    }
    if (basic.isPresent() && basic.get().indexOf(':') < 0) {
      throw new IllegalArgumentException(
          BASIC_AUTH_USER_INFO + " must be user:password (no ':' found)");
    }
    Optional<String> bearer = string(config, BEARER_AUTH_TOKEN);
    Optional<String> bearerSource = string(config, BEARER_AUTH_SOURCE);
    if (bearerSource.isPresent() && !bearerSource.get().strip().equalsIgnoreCase("STATIC_TOKEN")) {
      throw new IllegalArgumentException(
          BEARER_AUTH_SOURCE
              + " must be STATIC_TOKEN (the only source PALM"
              + " supports), got '"
              + bearerSource.get()
              + "'");
    }
    if (bearerSource.isPresent() && bearer.isEmpty()) {
      throw new IllegalArgumentException(
          BEARER_AUTH_SOURCE + "=STATIC_TOKEN needs " + BEARER_AUTH_TOKEN);
    }
    return new RegistryConfig(
        urls,
        basic,
        bearer,
        bool(config, AUTO_REGISTER, true),
        Duration.ofMillis(number(config, CONNECT_TIMEOUT_MS, 2000)),
        Duration.ofMillis(number(config, REQUEST_TIMEOUT_MS, 5000)),
        (int) number(config, MAX_ATTEMPTS, 3),
        Duration.ofMillis(number(config, RETRY_BACKOFF_MS, 100)));
  }

  /** Whether {@code key} is a registry setting (and so no Kafka client setting). */
  public static boolean isRegistrySetting(String key) {
    return KEYS.contains(key) || key.startsWith("schema.registry.");
  }

  /** The same settings with auto-registration on or off. */
  public RegistryConfig withAutoRegister(boolean on) {
    return new RegistryConfig(
        urls,
        basicUserInfo,
        bearerToken,
        on,
        connectTimeout,
        requestTimeout,
        maxAttempts,
        initialBackoff);
  }

  /** The first URL, for messages. */
  public String url() {
    return urls.get(0).toString();
  }

  /** Normalises and checks one registry URL: http(s), a host, no trailing slash. */
  static URI parseUrl(String url) {
    String trimmed = url.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Schema registry URL '" + url + "' is not a URL: " + e.getMessage(), e);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Schema registry URL '"
              + url
              + "' is not an http(s) URL with a host;"
              + " give the registry's Confluent-compatible API, e.g. http://localhost:8081 (Confluent, Karapace,"
              + " Redpanda) or http://localhost:8080/apis/ccompat/v7 (Apicurio)");
    }
    return uri;
  }

  private static Optional<String> string(Map<String, ?> config, String key) {
    Object v = config.get(key);
    return v == null || v.toString().isBlank()
        ? Optional.empty()
        : Optional.of(v.toString().strip());
  }

  private static boolean bool(Map<String, ?> config, String key, boolean fallback) {
    Optional<String> v = string(config, key);
    if (v.isEmpty()) {
      return fallback;
    }
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(key + " must be true or false, got '" + v.get() + "'");
    };
  }

  private static long number(Map<String, ?> config, String key, long fallback) {
    Optional<String> v = string(config, key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.get());
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be a non-negative whole number, got '" + v.get() + "'", e);
    }
  }

  private static void requirePositive(Duration d, String key) {
    Objects.requireNonNull(d, key);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + d.toMillis() + " ms");
    }
  }

  @Override
  public String toString() {
    // never print credentials
    return "RegistryConfig[urls="
        + urls
        + ", auth="
        + (basicUserInfo.isPresent() ? "basic" : bearerToken.isPresent() ? "bearer" : "none")
        + ", autoRegister="
        + autoRegister
        + "]";
  }
}
