package dev.palm.streams.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints of the query API, parsed from a request path: one variant per endpoint, so the
 * dispatcher handles a closed set. Path segments are percent-decoded one by one, so an id may
 * contain {@code /} as {@code %2F}.
 */
public sealed interface QueryRoute {

  /** {@code GET /health}: the Streams state, without authentication. */
  record Health() implements QueryRoute {}

  /** {@code GET /metrics}: Prometheus text. */
  record Metrics() implements QueryRoute {}

  /** {@code GET /packs}: every loaded pack with its counts. */
  record Packs() implements QueryRoute {}

  /** Endpoints that concern one pack, answered by the instance that owns the pack's partition. */
  sealed interface PackRoute extends QueryRoute {
    /** The pack named in the path. */
    String pack();
  }

  /** {@code GET /packs/{pack}}: one pack with its counts. */
  record Pack(String pack) implements PackRoute {}

  /**
   * {@code GET /packs/{pack}/operations/{id}}: the current decision and full audit history of one
   * operation.
   */
  record OperationHistory(String pack, String operationId) implements PackRoute {}

  /**
   * {@code GET /packs/{pack}/deployments/{id}/audit}: the current state and audit history of one
   * deployment.
   */
  record DeploymentAudit(String pack, String deploymentId) implements PackRoute {}

  /** {@code GET /packs/{pack}/approvals?state=pending}: the pack's pending approval requests. */
  record Approvals(String pack, String state) implements PackRoute {}

  /**
   * {@code GET /packs/{pack}/audit/verify}: the verdict on the pack's audit chain as retained in
   * its topic.
   */
  record Verify(String pack) implements PackRoute {}

  /**
   * The route of a raw request path and query, or empty when no endpoint has that path.
   *
   * @param rawPath the path as sent (still percent-encoded)
   * @param rawQuery the query string as sent, or null
   */
  static Optional<QueryRoute> parse(String rawPath, String rawQuery) {
    List<String> segments = segments(rawPath);
    if (segments == null) {
      return Optional.empty();
    }
    int n = segments.size();
    if (n == 1 && segments.get(0).equals("health")) {
      return Optional.of(new Health());
    }
    if (n == 1 && segments.get(0).equals("metrics")) {
      return Optional.of(new Metrics());
    }
    if (n == 0 || !segments.get(0).equals("packs")) {
      return Optional.empty();
    }
    if (n == 1) {
      return Optional.of(new Packs());
    }
    String pack = segments.get(1);
    if (n == 2) {
      return Optional.of(new Pack(pack));
    }
    String kind = segments.get(2);
    if (n == 4 && kind.equals("operations")) {
      return Optional.of(new OperationHistory(pack, segments.get(3)));
    }
    if (n == 5 && kind.equals("deployments") && segments.get(4).equals("audit")) {
      return Optional.of(new DeploymentAudit(pack, segments.get(3)));
    }
    if (n == 3 && kind.equals("approvals")) {
      return Optional.of(new Approvals(pack, queryParameter(rawQuery, "state").orElse("pending")));
    }
    if (n == 4 && kind.equals("audit") && segments.get(3).equals("verify")) {
      return Optional.of(new Verify(pack));
    }
    return Optional.empty();
  }

  /**
   * Decoded, non-empty segments of the path (one trailing slash tolerated), or null for a malformed
   * path.
   */
  private static List<String> segments(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return null;
    }
    String path =
        rawPath.length() > 1 && rawPath.endsWith("/")
            ? rawPath.substring(0, rawPath.length() - 1)
            : rawPath;
    List<String> segments = new ArrayList<>();
    if (path.equals("/")) {
      return segments;
    }
    for (String raw : path.substring(1).split("/", -1)) {
      String segment = decode(raw);
      if (segment == null || segment.isEmpty()) {
        return null;
      }
      segments.add(segment);
    }
    return segments;
  }

  /** The decoded value of {@code name} in a query string, the first one if repeated. */
  static Optional<String> queryParameter(String rawQuery, String name) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (name.equals(key)) {
        return Optional.ofNullable(decode(eq < 0 ? "" : pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String raw) {
    try {
      // URLDecoder is for forms; in a path '+' is a literal plus, so keep it one.
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
