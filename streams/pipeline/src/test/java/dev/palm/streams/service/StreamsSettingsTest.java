package dev.palm.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.canonical.CanonicalPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
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
    assertThat(producer(defaults)).containsEntry("linger.ms", "5");
    assertThat(producer(defaults)).containsEntry("batch.size", "131072");
    assertThat(defaults.getProperty("max.task.idle.ms")).isEqualTo("-1");

    Path client = dir.resolve("client.properties");
    Files.writeString(client, "bootstrap.servers=127.0.0.1:1\nlinger.ms=20\n");
    Map<String, Object> configured = producer(settings(Optional.of(client)));
    assertThat(configured).containsEntry("linger.ms", "20");
    assertThat(configured).containsEntry("batch.size", "131072");

    Files.writeString(client, "bootstrap.servers=127.0.0.1:1\nproducer.linger.ms=30\n");
    assertThat(producer(settings(Optional.of(client)))).containsEntry("linger.ms", "30");
  }

  /** What Kafka Streams gives its producer from these settings. */
  private static Map<String, Object> producer(Properties settings) {
    return new StreamsConfig(settings).getProducerConfigs("palm-test");
  }
}
