package dev.palm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {

  @Test
  void ofSetsBootstrapServersAndTheDefaultPrefix() {
    ClientConfig config = ClientConfig.of("broker:9092", "http://registry:8080");

    assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(config.topicPrefix()).isEqualTo("palm");
    assertThat(config.layout().audit("ibank").name()).isEqualTo("palm.ibank.audit");
    assertThat(config.withTopicPrefix("test").layout().operations().name())
        .isEqualTo("test.operations");
  }

  @Test
  void securitySettingsFromAFilePassThroughToTheKafkaClientsUntouched(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "bootstrap.servers=broker-1:9093,broker-2:9093",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.location=/etc/kafka/truststore.jks",
            "basic.auth.credentials.source=USER_INFO",
            "basic.auth.user.info=registry-user:registry-secret"));

    ClientConfig config = ClientConfig.fromFile(file, "https://registry.example:8443");

    Properties producer = KafkaClients.producerProperties(config, "test");
    assertThat(producer.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(producer.getProperty("sasl.jaas.config")).contains("password=\"p\"");
    assertThat(producer.getProperty("ssl.truststore.location"))
        .isEqualTo("/etc/kafka/truststore.jks");
    assertThat(producer.getProperty("acks")).isEqualTo("all");
    assertThat(producer.getProperty("enable.idempotence")).isEqualTo("true");
    assertThat(producer)
        .doesNotContainKey("basic.auth.user.info")
        .doesNotContainKey("basic.auth.credentials.source");

    Properties consumer = KafkaClients.consumerProperties(config, "test");
    assertThat(consumer.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(consumer.getProperty("isolation.level")).isEqualTo("read_committed");
    assertThat(consumer.getProperty("enable.auto.commit")).isEqualTo("false");

    assertThat(config.serdes().config())
        .containsEntry("basic.auth.user.info", "registry-user:registry-secret")
        .containsEntry("schema.registry.url", "https://registry.example:8443");
    assertThat(config.toString())
        .doesNotContain("password")
        .doesNotContain("registry-secret")
        .contains("broker-1:9093");
  }

  @Test
  void theRecordNeverHandsOutItsOwnProperties() {
    ClientConfig config = ClientConfig.of("broker:9092", "http://registry:8080");

    config.kafka().setProperty("bootstrap.servers", "elsewhere:1");

    assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
  }

  @Test
  void missingBootstrapServersOrBadRegistryUrlFailWithClearMessages(@TempDir Path dir) {
    assertThatThrownBy(() -> new ClientConfig(new Properties(), "http://r:1", "palm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrap.servers");
    assertThatThrownBy(() -> ClientConfig.of("b:1", "registry:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> ClientConfig.of("b:1", "http://r:1").withTopicPrefix("bad prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad prefix");
    assertThatThrownBy(() -> ClientConfig.fromFile(dir.resolve("missing.properties"), "http://r:1"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.properties does not exist");
  }

  @Test
  void apiTimeoutFollowsKafkasDefaultApiTimeoutSetting() {
    ClientConfig config = ClientConfig.of("b:1", "http://r:1");
    assertThat(config.apiTimeout()).hasSeconds(60);
    assertThat(config.withKafkaProperty("default.api.timeout.ms", "2500").apiTimeout())
        .hasMillis(2500);
  }
}
