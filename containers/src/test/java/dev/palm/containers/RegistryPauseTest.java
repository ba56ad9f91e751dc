package dev.palm.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.client.ClientConfig;
import dev.palm.client.OperationPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The registry's container frozen (docker pause) while operations flow: the pipeline has every
 * schema id it writes cached since its start, so decisions go on, nothing is sent to the
 * dead-letter topic, and everything is still in order once the registry is back.
 */
@Tag("integration")
@RequiresDocker
class RegistryPauseTest {

  private static final String PACK = "mapleverse";

  @Test
  void decisionsGoOnWhileTheRegistryIsPausedAndNothingIsDeadLettered() throws Exception {
    KafkaNode kafka = SharedStack.kafka();
    RegistryNode registry = SharedStack.registry();
    PipelineNode.Settings settings = PipelineNode.Settings.unique("pause");
    ClientConfig config = Stacks.client(kafka, registry, settings.topicPrefix());
    try (PipelineNode palm =
            new PipelineNode(kafka.bootstrapServers(), registry.url(), settings).start();
        OperationPublisher publisher = new OperationPublisher(config);
        DecisionWatch watch = new DecisionWatch(config, PACK)) {
      // the host's serializer and deserializer learn their schema ids before the pause, too
      publisher.publish(Load.createDeployment(PACK, "pause-warm", "pause-agent"));
      assertThat(watch.awaitAll(List.of("pause-warm"), Duration.ofSeconds(60))).isTrue();

      List<String> duringPause = new ArrayList<>();
      Docker.pause(registry.containerId());
      try {
        for (int i = 0; i < 20; i++) {
          String id = "pause-" + i;
          publisher.publish(Load.createDeployment(PACK, id, "pause-agent"));
          duringPause.add(id);
        }
        assertThat(watch.awaitAll(duringPause, Duration.ofSeconds(60)))
            .as("decisions while the registry is paused")
            .isTrue();
        assertThat(palm.health()).isEqualTo(200);
      } finally {
        Docker.unpause(registry.containerId());
      }
      publisher.publish(Load.createDeployment(PACK, "pause-after", "pause-agent"));
      List<String> all = new ArrayList<>(duringPause);
      all.add("pause-warm");
      all.add("pause-after");
      Stacks.assertExactlyOneDecisionEach(watch, Set.copyOf(all));
      assertThat(deadLetters(kafka, settings.topicPrefix() + ".dlq"))
          .as("records in the dead-letter topic")
          .isZero();
    } finally {
      Docker.removeVolume(settings.volume());
    }
  }

  private static long deadLetters(KafkaNode kafka, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      return partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
    }
  }
}
