package dev.palm.streams.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Passes a request on to the instance that owns the pack's partition, with the caller's token, and
 * returns that instance's answer unchanged. A forwarded request carries {@link #FORWARDED_BY}, and
 * an instance never forwards such a request again: two instances with different views of the group
 * (mid-rebalance) answer 503 instead of bouncing it between them.
 */
final class Forwarder {

  /** Request header naming the instance that forwarded the request. */
  static final String FORWARDED_BY = "X-Palm-Forwarded-By";

  /** Response header naming the instance whose state answered. */
  static final String SERVED_BY = "X-Palm-Served-By";

  private final HttpClient client;
  private final Duration timeout;
  private final String self;

  Forwarder(Duration timeout, String self) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.self = Objects.requireNonNull(self, "self");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The owner's answer to {@code GET rawPathAndQuery}.
   *
   * @param owner the instance to ask
   * @param rawPathAndQuery the path (and query) exactly as the caller sent it
   * @param authorization the caller's {@code Authorization} header
   * @param pack the pack concerned, for error messages
   */
  Reply forward(HostInfo owner, String rawPathAndQuery, String authorization, String pack) {
    String target = PackOwnership.address(owner);
    HttpRequest request =
        HttpRequest.newBuilder(uri(owner, rawPathAndQuery))
            .timeout(timeout)
            .header("Authorization", authorization)
            .header(FORWARDED_BY, self)
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new QueryFailure(
          502,
          "bad_gateway",
          "instance "
              + target
              + " owns pack '"
              + pack
              + "' but did not answer ("
              + e
              + "); retry, or check that instance",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw QueryFailure.unavailable("interrupted while asking instance " + target, e);
    }
    Map<String, String> headers = new HashMap<>();
    response.headers().firstValue(SERVED_BY).ifPresent(v -> headers.put(SERVED_BY, v));
    response
        .headers()
        .firstValue("WWW-Authenticate")
        .ifPresent(v -> headers.put("WWW-Authenticate", v));
    response.headers().firstValue("Retry-After").ifPresent(v -> headers.put("Retry-After", v));
    String contentType = response.headers().firstValue("Content-Type").orElse(Reply.JSON);
    return new Reply(response.statusCode(), contentType, response.body(), headers);
  }

  private static URI uri(HostInfo owner, String rawPathAndQuery) {
    String host = owner.host().contains(":") ? "[" + owner.host() + "]" : owner.host();
    return URI.create("http://" + host + ":" + owner.port() + rawPathAndQuery);
  }
}
