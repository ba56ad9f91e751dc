package dev.palm.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.canonical.CanonicalPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka Streams settings PALM starts with, and which of them the client config may change. */
class StreamsSettingsTest {

  @TempDir Path dir;

  private Properties settings(Optional<Path> clientConfig) throws Exception {
    PipelineConfig config =
        PipelineConfig.builder()
            .bootstrapServers("127.0.0.1:1")
            .registryUrl("http://127.0.0.1:1")
            .clientConfigFile(clientConfig)
            .stateDir(dir.resolve("state"))
            .streamsOverride("main.consumer.group.instance.id", "palm-1")
            .build();
    try (PalmService service = PalmService.create(config, CanonicalPack.all())) {
      return service.streamsProperties();
    }
  }

  @Test
  void aDeadInstanceLosesItsWorkAfterTenSecondsUnlessTheClientConfigSaysOtherwise()
      throws Exception {
    Properties defaults = settings(Optional.empty());
    assertThat(defaults.getProperty("session.timeout.ms")).isEqualTo("10000");
    assertThat(defaults.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    // --group-instance-id arrives as an override for the main consumer only
    assertThat(defaults.getProperty("main.consumer.group.instance.id")).isEqualTo("palm-1");

    Path client = dir.resolve("client.properties");
    Files.writeString(client, "bootstrap.servers=127.0.0.1:1\nsession.timeout.ms=30000\n");
    assertThat(settings(Optional.of(client)).getProperty("session.timeout.ms")).isEqualTo("30000");
  }

  @Test
  void theProducerLingersFiveMillisecondsUnlessTheClientConfigSaysOtherwise() throws Exception {
    Properties defaults = settings(Optional.empty());
    assertThat(defaults.getProperty("producer.linger.ms")).isEqualTo("5");
    assertThat(defaults.getProperty("producer.batch.size")).isEqualTo("131072");
    assertThat(defaults.getProperty("max.task.idle.ms")).isEqualTo("-1");

    Path client = dir.resolve("client.properties");
    Files.writeString(client, "bootstrap.servers=127.0.0.1:1\nlinger.ms=20\n");
    Properties configured = settings(Optional.of(client));
    assertThat(configured.getProperty("producer.linger.ms")).isNull();
    assertThat(configured.getProperty("linger.ms")).isEqualTo("20");
    assertThat(configured.getProperty("producer.batch.size")).isEqualTo("131072");
  }
}
