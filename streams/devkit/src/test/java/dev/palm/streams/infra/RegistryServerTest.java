package dev.palm.streams.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class RegistryServerTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void sharedRegistryServesTheConfluentApiOnLoopback() throws Exception {
    RegistryServer registry = SharedInfra.registry();

    assertThat(registry.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(registry.url()).isEqualTo(registry.baseUrl() + "/apis/ccompat/v7");
    HttpResponse<String> info = get(registry.baseUrl() + "/apis/registry/v2/system/info");
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.body())
        .contains("\"version\":\"" + RegistryDistribution.DEFAULT_VERSION + "\"");
    HttpResponse<String> subjects = get(registry.url() + "/subjects");
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(subjects.body()).startsWith("[");
  }

  @Test
  void keptDataSurvivesARestartAndCloseLeavesNoProcessBehind(@TempDir Path folder)
      throws Exception {
    Path data = folder.resolve("registry-data");
    Path logs = folder.resolve("registry-logs");
    String subject = SharedInfra.uniquePrefix("persist") + "-value";
    String schema =
        "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":"
            + "[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

    ProcessHandle first;
    try (RegistryServer registry =
        RegistryServer.builder().dataDirectory(data).logDirectory(logs).start()) {
      first = ProcessHandle.of(registry.pid()).orElseThrow();
      HttpResponse<String> created =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                  .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                  .POST(HttpRequest.BodyPublishers.ofString(schema))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(created.body()).contains("\"id\"");
    }
    assertThat(first.isAlive()).isFalse();
    assertThat(Files.readString(logs.resolve("registry.log"))).isNotEmpty();

    try (RegistryServer registry =
        RegistryServer.builder().dataDirectory(data).logDirectory(logs).start()) {
      HttpResponse<String> subjects = get(registry.url() + "/subjects");
      assertThat(subjects.body()).contains(subject);
      ProcessHandle second = ProcessHandle.of(registry.pid()).orElseThrow();
      registry.close();
      assertThat(second.isAlive()).isFalse();
      assertThat(second.descendants()).isEmpty();
      assertThat(registry.isAlive()).isFalse();
      assertThatThrownBy(() -> get(registry.url() + "/subjects"))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void aServerThatCannotStartFailsWithTheTailOfItsLog(@TempDir Path logs) {
    assertThatThrownBy(
            () ->
                RegistryServer.builder()
                    .logDirectory(logs)
                    .systemProperty("quarkus.http.port", "not-a-port")
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code")
        .hasMessageContaining("quarkus.http.port");
  }

  @Test
  void theDefaultDistributionLivesInTheUserCache() {
    RegistryDistribution distribution = RegistryDistribution.resolve();

    assertThat(distribution.version()).isEqualTo(RegistryDistribution.DEFAULT_VERSION);
    assertThat(distribution.home())
        .isEqualTo(
            RegistryDistribution.cacheRoot()
                .resolve("apicurio-registry-" + RegistryDistribution.DEFAULT_VERSION));
    assertThat(distribution.runnerJar()).isRegularFile();
    assertThat(distribution.home().resolve("lib")).isDirectory();
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
