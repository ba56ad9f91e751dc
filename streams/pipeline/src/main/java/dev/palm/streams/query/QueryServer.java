package dev.palm.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.palm.packs.PlatformPack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline service's HTTP query API (docs/query-api.md): packs, operation and deployment
 * histories, pending approvals and chain verification from the Kafka Streams state stores and the
 * audit topics, plus health and Prometheus metrics. Plain JDK {@link HttpServer} on a loopback
 * address; every endpoint but {@code /health} demands the configured bearer token.
 *
 * <p>Life cycle: {@link #bind} opens the port first, because Kafka Streams must be created with
 * {@code application.server} = {@link #applicationServer()} (so every instance can tell the others
 * where it answers); then {@link #start} serves from the running topology; {@link #close} stops
 * serving.
 *
 * <p>A pack's state lives on the instance whose task owns the pack's input partition. A request
 * about a pack another instance owns is forwarded there with the caller's token, and the owner's
 * answer is returned as is (its {@code X-Palm-Served-By} header names it).
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final String BEARER = "bearer ";
  private static final String CHALLENGE = "Bearer realm=\"palm\"";

  private final QueryServerConfig config;
  private final HttpServer http;
  private final HostInfo self;
  private final byte[] tokenDigest;
  private final Object lifecycle = new Object();

  private ExecutorService executor;
  private Served served;
  private boolean started;
  private boolean closed;

  /** Everything a started server answers from. */
  private record Served(
      QuerySources sources,
      Map<String, PlatformPack> packs,
      PackOwnership ownership,
      PackQueries queries,
      AuditTopicReader audit,
      QueryMetrics metrics,
      Forwarder forwarder) {}

  private QueryServer(QueryServerConfig config, HttpServer http) {
    this.config = config;
    this.http = http;
    this.self = new HostInfo(config.host(), http.getAddress().getPort());
    this.tokenDigest = sha256(config.token());
  }

  /**
   * Opens the server's port (not answering yet; connections wait until {@link #start}).
   *
   * @throws UncheckedIOException naming the address when the port cannot be opened (e.g. already in
   *     use)
   */
  public static QueryServer bind(QueryServerConfig config) {
    Objects.requireNonNull(config, "config");
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 50);
      return new QueryServer(config, http);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not open the query API on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "); choose another --http-port or stop what uses it",
          e);
    }
  }

  /** The address other instances reach this one at (the bound port, also when 0 was configured). */
  public HostInfo hostInfo() {
    return self;
  }

  /**
   * The value for Kafka Streams' {@value StreamsConfig#APPLICATION_SERVER_CONFIG}: {@code
   * host:port}.
   */
  public String applicationServer() {
    return PackOwnership.address(self);
  }

  /** The base URL of the API, e.g. {@code http://127.0.0.1:8081}. */
  public URI baseUri() {
    return URI.create("http://" + applicationServer());
  }

  /**
   * Starts answering from {@code sources}, whose Kafka Streams instance must have been created with
   * {@code application.server} = {@link #applicationServer()}.
   *
   * @throws IllegalStateException when already started or closed, or when the packs' decisions
   *     topics do not exist yet
   */
  public void start(QuerySources sources) {
    Objects.requireNonNull(sources, "sources");
    synchronized (lifecycle) {
      if (started || closed) {
        throw new IllegalStateException(
            "The query API on "
                + applicationServer()
                + " was already "
                + (closed ? "closed" : "started"));
      }
      PackOwnership ownership = new PackOwnership(sources.streams(), self);
      AuditTopicReader audit =
          new AuditTopicReader(
              sources.kafkaProperties(),
              sources.serdes(),
              sources.layout(),
              config.requestTimeout());
      PackQueries queries = new PackQueries(sources.streams(), audit, applicationServer());
      QueryMetrics metrics;
      try {
        metrics = new QueryMetrics(sources, ownership, queries, config.requestTimeout());
      } catch (RuntimeException e) {
        audit.close();
        throw e;
      }
      served =
          new Served(
              sources,
              sources.packsByName(),
              ownership,
              queries,
              audit,
              metrics,
              new Forwarder(config.requestTimeout(), applicationServer()));
      AtomicInteger threads = new AtomicInteger();
      executor =
          Executors.newFixedThreadPool(
              config.threads(),
              r -> {
                Thread t = new Thread(r, "palm-query-http-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      http.setExecutor(executor);
      http.createContext("/", this::handle);
      http.start();
      started = true;
    }
    LOG.info("PALM query API listening on {} for packs {}", baseUri(), served.packs().keySet());
  }

  /** Stops answering and releases the port and every Kafka client of the server. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (!started) {
        // The JDK server releases its port only from its dispatcher thread, which start() creates;
        // with no
        // context registered, a connection that was waiting gets a 404.
        http.start();
      }
      http.stop(0);
      if (executor != null) {
        executor.shutdownNow();
        try {
          executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (served != null) {
        served.metrics().close();
        served.audit().close();
      }
    }
    LOG.info("PALM query API on {} stopped", applicationServer());
  }

  private void handle(HttpExchange exchange) {
    String endpoint = "unknown";
    Reply reply;
    try {
      URI uri = exchange.getRequestURI();
      Optional<QueryRoute> route = QueryRoute.parse(uri.getRawPath(), uri.getRawQuery());
      endpoint = route.map(QueryServer::endpointName).orElse("unknown");
      reply = answer(exchange, route);
    } catch (QueryFailure failure) {
      reply = Reply.of(failure);
    } catch (RuntimeException e) {
      LOG.warn("Query API request {} failed", exchange.getRequestURI(), e);
      reply = Reply.error(500, "internal_error", "the query failed: " + e, Map.of());
    }
    served.metrics().request(endpoint, reply.status());
    send(exchange, reply);
  }

  private Reply answer(HttpExchange exchange, Optional<QueryRoute> route) {
    boolean get = exchange.getRequestMethod().equals("GET");
    if (route.isPresent() && route.get() instanceof QueryRoute.Health) {
      return get ? health() : methodNotAllowed(exchange);
    }
    // Authenticate before saying anything else, including whether a path exists.
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return Reply.error(
          401,
          "unauthorized",
          "this endpoint needs 'Authorization: Bearer <token>' with the"
              + " token the pipeline was started with",
          Map.of("WWW-Authenticate", CHALLENGE));
    }
    if (!tokenMatches(authorization)) {
      return Reply.error(
          401,
          "invalid_token",
          "the bearer token is wrong",
          Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""));
    }
    if (route.isEmpty()) {
      return Reply.error(
          404,
          "not_found",
          "no endpoint at " + exchange.getRequestURI().getRawPath() + "; see docs/query-api.md",
          Map.of());
    }
    if (!get) {
      return methodNotAllowed(exchange);
    }
    QueryRoute r = route.get();
    if (r instanceof QueryRoute.Metrics) {
      return Reply.text(200, QueryMetrics.CONTENT_TYPE, served.metrics().scrape());
    }
    if (r instanceof QueryRoute.Packs) {
      return packs(authorization);
    }
    return packRoute((QueryRoute.PackRoute) r, exchange, authorization);
  }

  private Reply health() {
    KafkaStreams.State state = served.sources().streams().state();
    ObjectNode body = Reply.MAPPER.createObjectNode();
    body.put("status", state == KafkaStreams.State.RUNNING ? "UP" : "DOWN");
    body.put("streamsState", state.name());
    return Reply.json(state == KafkaStreams.State.RUNNING ? 200 : 503, body);
  }

  private static Reply methodNotAllowed(HttpExchange exchange) {
    return Reply.error(
        405,
        "method_not_allowed",
        exchange.getRequestMethod() + " is not supported here; the" + " query API only answers GET",
        Map.of("Allow", "GET"));
  }

  /** Every pack, with counts from whichever instance owns it. */
  private Reply packs(String authorization) {
    ObjectNode body = Reply.MAPPER.createObjectNode();
    ArrayNode list = body.putArray("packs");
    for (PlatformPack pack : served.packs().values()) {
      String name = pack.metadata().name();
      JsonNode entry;
      try {
        entry =
            switchOwner(
                name,
                partition -> served.queries().pack(pack, partition),
                owner -> remotePack(owner, name, authorization));
      } catch (QueryFailure failure) {
        ObjectNode partial = PackQueries.describe(pack);
        partial.put("unavailable", failure.getMessage());
        entry = partial;
      }
      list.add(entry);
    }
    return Reply.json(200, body);
  }

  private JsonNode remotePack(HostInfo owner, String pack, String authorization) {
    Reply reply =
        served.forwarder().forward(owner, "/packs/" + encodeSegment(pack), authorization, pack);
    if (reply.status() != 200) {
      throw new QueryFailure(
          reply.status(),
          "unavailable",
          "instance "
              + PackOwnership.address(owner)
              + " answered "
              + reply.status()
              + " for pack '"
              + pack
              + "'");
    }
    try {
      return Reply.MAPPER.readTree(reply.body());
    } catch (IOException e) {
      throw new QueryFailure(
          502,
          "bad_gateway",
          "instance "
              + PackOwnership.address(owner)
              + " sent an unreadable answer for pack '"
              + pack
              + "'",
          e);
    }
  }

  private Reply packRoute(QueryRoute.PackRoute route, HttpExchange exchange, String authorization) {
    PlatformPack pack = served.packs().get(route.pack());
    if (pack == null) {
      throw QueryFailure.notFound(
          "no pack '"
              + route.pack()
              + "' is loaded; loaded packs: "
              + String.join(", ", served.packs().keySet()));
    }
    if (route instanceof QueryRoute.Verify) {
      // Reads the topic only, so any instance can answer.
      return Reply.json(200, served.queries().verify(pack))
          .withHeader(Forwarder.SERVED_BY, applicationServer());
    }
    String forwardedBy = exchange.getRequestHeaders().getFirst(Forwarder.FORWARDED_BY);
    return switchOwner(
        route.pack(),
        partition -> local(route, pack, partition),
        owner -> {
          if (forwardedBy != null) {
            throw QueryFailure.unavailable(
                "instance "
                    + forwardedBy
                    + " sent this request here, but this"
                    + " instance sees pack '"
                    + route.pack()
                    + "' at "
                    + PackOwnership.address(owner)
                    + "; the group is rebalancing, retry in a moment",
                null);
          }
          URI uri = exchange.getRequestURI();
          String pathAndQuery =
              uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
          return served.forwarder().forward(owner, pathAndQuery, authorization, route.pack());
        });
  }

  private Reply local(QueryRoute.PackRoute route, PlatformPack pack, int partition) {
    PackQueries queries = served.queries();
    JsonNode body;
    if (route instanceof QueryRoute.Pack) {
      body = queries.pack(pack, partition);
    } else if (route instanceof QueryRoute.OperationHistory op) {
      body = queries.operation(op.pack(), op.operationId(), partition);
    } else if (route instanceof QueryRoute.DeploymentAudit dep) {
      body = queries.deployment(dep.pack(), dep.deploymentId(), partition);
    } else if (route instanceof QueryRoute.Approvals approvals) {
      body = queries.approvals(approvals.pack(), approvals.state(), partition);
    } else {
      throw new IllegalStateException("no local handler for " + route);
    }
    return Reply.json(200, body).withHeader(Forwarder.SERVED_BY, applicationServer());
  }

  /**
   * Runs {@code local} when this instance owns the pack, {@code remote} when another does; 503
   * otherwise.
   */
  private <T> T switchOwner(String pack, IntFunction<T> local, Function<HostInfo, T> remote) {
    PackOwnership.Owner owner = served.ownership().ownerOf(pack);
    if (owner instanceof PackOwnership.Local l) {
      return local.apply(l.partition());
    }
    if (owner instanceof PackOwnership.Remote r) {
      return remote.apply(r.host());
    }
    throw QueryFailure.unavailable(
        ((PackOwnership.Unknown) owner).reason() + "; retry in a moment", null);
  }

  private boolean tokenMatches(String authorization) {
    String value = authorization.strip();
    if (value.length() <= BEARER.length()
        || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return false;
    }
    // Comparing digests takes the same time whatever the presented token's length and content.
    return MessageDigest.isEqual(sha256(value.substring(BEARER.length()).strip()), tokenDigest);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String endpointName(QueryRoute route) {
    // OperationHistory -> operation_history
    return route
        .getClass()
        .getSimpleName()
        .replaceAll("([a-z])([A-Z])", "$1_$2")
        .toLowerCase(Locale.ROOT);
  }

  /** Percent-encodes one path segment (everything but RFC 3986 unreserved characters). */
  static String encodeSegment(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static void send(HttpExchange exchange, Reply reply) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] body = reply.body();
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      LOG.debug("Could not send the answer to {}: {}", exchange.getRemoteAddress(), e.toString());
    }
  }
}
