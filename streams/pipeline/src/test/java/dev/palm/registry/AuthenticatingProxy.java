package dev.palm.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy of the tests' own in front of the real registry (which has no authentication):
 * requests whose {@code Authorization} header is not the expected one get 401 with a
 * Confluent-style error body, requests with a forbidden method 403 (a principal without that
 * permission); the rest are passed on to the registry unchanged. It records the headers it saw.
 */
final class AuthenticatingProxy implements AutoCloseable {

  private final HttpServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final String forbiddenMethod;

  AuthenticatingProxy(String upstream, String expectedAuthorization) throws IOException {
    this(upstream, expectedAuthorization, null);
  }

  /**
   * A proxy that also answers 403 to every request with HTTP method {@code forbiddenMethod} (e.g.
   * PUT).
   */
  AuthenticatingProxy(String upstream, String expectedAuthorization, String forbiddenMethod)
      throws IOException {
    this.forbiddenMethod = forbiddenMethod;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> handle(exchange, upstream, expectedAuthorization));
    server.start();
  }

  /** The proxy's URL, standing for the registry's Confluent API URL. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The {@code Authorization} headers received, in order ("" when absent). */
  List<String> authorizations() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange, String upstream, String expected) throws IOException {
    try (exchange) {
      String header = exchange.getRequestHeaders().getFirst("Authorization");
      String auth = header == null ? "" : header;
      seen.add(auth);
      if (!expected.equals(auth)) {
        refuse(exchange, 401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
        return;
      }
      if (exchange.getRequestMethod().equals(forbiddenMethod)) {
        refuse(exchange, 403, "{\"error_code\":40301,\"message\":\"User is denied operation\"}");
        return;
      }
      byte[] requestBody;
      try (InputStream in = exchange.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
              .method(
                  exchange.getRequestMethod(),
                  requestBody.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        forward.header("Content-Type", type);
      }
      HttpResponse<byte[]> response =
          http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      exchange
          .getResponseHeaders()
          .add(
              "Content-Type",
              response.headers().firstValue("Content-Type").orElse("application/json"));
      exchange.sendResponseHeaders(
          response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void refuse(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
