package dev.palm.streams.query;

import static dev.palm.streams.query.QueryFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.infra.SharedInfra;
import dev.palm.streams.service.PalmService;
import dev.palm.streams.service.PipelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The query API as part of the pipeline service: started with it, answering from its stores,
 * stopped with it.
 */
@Tag("integration")
class PalmServiceQueryApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theServiceServesTheQueryApiWhileItRunsAndStopsItWhenClosed() throws Exception {
    String prefix = SharedInfra.uniquePrefix("svc-query");
    Path state = Files.createTempDirectory("palm-svc-query-");
    PipelineConfig config =
        PipelineConfig.builder()
            .bootstrapServers(SharedInfra.bootstrapServers())
            .registryUrl(SharedInfra.registryUrl())
            .stateDir(state)
            .applicationId(prefix)
            .topicPrefix(prefix)
            .build();
    URI base;
    try (PalmService service =
        PalmService.create(config, CanonicalPack.all())
            .withQueryServer(QueryServerConfig.loopback(0, TOKEN))) {
      assertThat(service.queryServer()).isEmpty();
      service.start();
      assertThatThrownBy(() -> service.withQueryServer(QueryServerConfig.loopback(0, TOKEN)))
          .isInstanceOf(IllegalStateException.class);
      base = service.queryServer().orElseThrow().baseUri();

      assertThat(get(base, "/health", null).statusCode()).isEqualTo(200);
      HttpResponse<String> packs = get(base, "/packs", TOKEN);
      assertThat(packs.statusCode()).isEqualTo(200);
      List<String> names = new ArrayList<>();
      JSON.readTree(packs.body())
          .get("packs")
          .forEach(
              p -> {
                names.add(p.get("name").asText());
                assertThat(p.has("unavailable")).as(p.toString()).isFalse();
              });
      assertThat(names).containsExactlyInAnyOrder("mapleverse", "finalverse", "ibank");
      assertThat(get(base, "/packs", null).statusCode()).isEqualTo(401);
      // the API reads the pack's audit topic (empty right after the start) and finds it intact
      JsonNode verify = JSON.readTree(get(base, "/packs/ibank/audit/verify", TOKEN).body());
      assertThat(verify.get("status").asText()).isEqualTo("INTACT");

      // a second pipeline cannot take the same port: it says which, and starts nothing
      int port = service.queryServer().orElseThrow().hostInfo().port();
      PipelineConfig other =
          PipelineConfig.builder()
              .bootstrapServers(SharedInfra.bootstrapServers())
              .registryUrl(SharedInfra.registryUrl())
              .stateDir(state.resolve("other"))
              .applicationId(prefix + "-other")
              .topicPrefix(prefix)
              .build();
      try (PalmService second =
          PalmService.create(other, CanonicalPack.all())
              .withQueryServer(QueryServerConfig.loopback(port, TOKEN))) {
        assertThatThrownBy(second::start)
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("127.0.0.1:" + port);
        assertThat(second.queryServer()).isEmpty();
      }
    } finally {
      QueryFixture.deleteTree(state);
    }
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  private HttpResponse<String> get(URI base, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
