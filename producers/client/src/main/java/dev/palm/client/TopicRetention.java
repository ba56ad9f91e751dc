package dev.palm.client;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Whether a topic keeps its records forever ({@code retention.ms=-1}, {@code retention.bytes=-1}):
 * a verifier of such an audit topic knows that a trail not starting at sequence 0 lost its head.
 */
final class TopicRetention {

  private TopicRetention() {}

  /**
   * Whether {@code topic} retains forever; empty when the configs cannot be read (no permission, no
   * answer in time), in which case nothing is concluded.
   */
  static Optional<Boolean> infinite(ClientConfig config, String topic) {
    Properties props = config.kafkaOnly();
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "palm-retention-check");
    try (Admin admin = Admin.create(props)) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(java.util.List.of(resource))
              .all()
              .get(config.apiTimeout().toMillis(), TimeUnit.MILLISECONDS);
      Config c = configs.get(resource);
      return Optional.of(
          isInfinite(c.get(TopicConfig.RETENTION_MS_CONFIG))
              && isInfinite(c.get(TopicConfig.RETENTION_BYTES_CONFIG)));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean isInfinite(ConfigEntry entry) {
    return entry != null && "-1".equals(entry.value());
  }
}
