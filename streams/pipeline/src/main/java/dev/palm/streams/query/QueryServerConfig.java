package dev.palm.streams.query;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the query API's HTTP server: where it listens (a loopback address only), the bearer
 * token every endpoint but {@code /health} demands, and the limits of its work.
 *
 * <p>There is no default token: a server without one would expose the audit trail to every local
 * process, so the configuration refuses a missing, blank, short or whitespace-containing token.
 *
 * @param host the loopback address to bind ({@code 127.0.0.1} by default); also the host part of
 *     Kafka Streams' {@code application.server}, so other instances can forward to it
 * @param port the TCP port; 0 picks a free one (read the bound one from {@link
 *     QueryServer#hostInfo()})
 * @param token the bearer token clients must send ({@code Authorization: Bearer <token>})
 * @param threads request-handling threads
 * @param requestTimeout how long one request may wait for Kafka (audit topic reads) or a forwarded
 *     answer
 * @param anyAddress whether {@code host} may be other than a loopback address: only when the
 *     operator asked for it by name ({@link #on}), e.g. the container's own name inside a container
 *     network whose port is published on the machine's loopback only (docs/containers.md)
 */
public record QueryServerConfig(
    String host, int port, String token, int threads, Duration requestTimeout, boolean anyAddress) {

  /** The loopback address the server binds unless told otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The shortest token accepted: shorter ones are guessable. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** Request threads unless configured. */
  public static final int DEFAULT_THREADS = 8;

  /** Per-request limit unless configured. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Validates every setting, naming the wrong one and what to do. */
  public QueryServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    InetAddress address = resolve(host, anyAddress);
    if (!anyAddress && !address.isLoopbackAddress()) {
      // Plain HTTP with a bearer token: anything beyond the machine needs a TLS proxy in front.
      throw new IllegalArgumentException(
          "The query API only listens on a loopback address, not '"
              + host
              + "'; bind "
              + DEFAULT_HOST
              + " and put a TLS-terminating proxy in front for remote access");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "The query API port must be between 0 and 65535 (0 = any free port)," + " got " + port);
    }
    requireUsableToken(token);
    if (threads < 1) {
      throw new IllegalArgumentException(
          "The query API needs at least one request thread, got " + threads);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "The query API request timeout must be positive, got " + requestTimeout);
    }
  }

  /** A server on a loopback {@code host} only, as every configuration but {@link #on}'s. */
  public QueryServerConfig(
      String host, int port, String token, int threads, Duration requestTimeout) {
    this(host, port, token, threads, requestTimeout, false);
  }

  /** A server on {@code 127.0.0.1:port} with {@code token} and the default limits. */
  public static QueryServerConfig loopback(int port, String token) {
    return new QueryServerConfig(
        DEFAULT_HOST, port, token, DEFAULT_THREADS, DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * A server on the address {@code host} names, loopback or not, which the operator chose
   * explicitly ({@code --http-host}); the API still speaks plain HTTP, so that address must only be
   * reachable from where a TLS proxy or the machine's loopback port publishing stands in front.
   */
  public static QueryServerConfig on(String host, int port, String token) {
    return new QueryServerConfig(host, port, token, DEFAULT_THREADS, DEFAULT_REQUEST_TIMEOUT, true);
  }

  /** This configuration with another request timeout. */
  public QueryServerConfig withRequestTimeout(Duration timeout) {
    return new QueryServerConfig(host, port, token, threads, timeout, anyAddress);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "QueryServerConfig[host="
        + host
        + ", port="
        + port
        + ", token=<redacted>, threads="
        + threads
        + ", requestTimeout="
        + requestTimeout
        + ", anyAddress="
        + anyAddress
        + "]";
  }

  private static InetAddress resolve(String host, boolean anyAddress) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "The query API host '"
              + host
              + "' does not resolve; "
              + (anyAddress ? "give an address of this machine" : "use " + DEFAULT_HOST),
          e);
    }
  }

  private static void requireUsableToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "The query API needs a bearer token and has no default: give"
              + " --http-token or set PALM_HTTP_TOKEN (e.g. the output of `openssl rand -hex 32`)");
    }
    if (token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "The query API token is "
              + token.length()
              + " characters long;"
              + " use at least "
              + MIN_TOKEN_LENGTH
              + " (e.g. the output of `openssl rand -hex 32`)");
    }
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "The query API token must be printable ASCII without spaces, since it"
              + " travels in an HTTP header");
    }
  }
}
