package dev.palm.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.client.ClientConfig;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker's container stopped and started again under load (its own broker, not the shared one):
 * the pipeline waits for it and catches up, every acknowledged operation is decided exactly once,
 * and the chain verifies.
 */
@Tag("integration")
@RequiresDocker
class BrokerRestartTest {

  private static final String PACK = "mapleverse";

  @Test
  void thePipelineRidesOutABrokerRestartUnderLoad() throws Exception {
    RegistryNode registry = SharedStack.registry();
    PipelineNode.Settings settings = PipelineNode.Settings.unique("broker");
    try (KafkaNode kafka = new KafkaNode().start();
        PipelineNode palm =
            new PipelineNode(kafka.bootstrapServers(), registry.url(), settings).start()) {
      ClientConfig config = Stacks.client(kafka, registry, settings.topicPrefix());
      try (DecisionWatch watch = new DecisionWatch(config, PACK);
          Load load = new Load(config, PACK, 30, "broker").start()) {
        watch.awaitTotal(60);
        long stoppedAt = System.nanoTime();
        kafka.restart(Duration.ofSeconds(3));
        long backAt = System.nanoTime();
        watch.awaitTotal(watch.total() + 90);
        Set<String> acknowledged = load.stop();

        Stacks.assertExactlyOneDecisionEach(watch, acknowledged);
        System.out.printf(
            "BROKER RESTART: broker down and back in %.1f s; longest gap between decisions %.1f s;"
                + " %d operations acknowledged (%d sends failed), each decided exactly once%n",
            Stacks.seconds(Duration.ofNanos(backAt - stoppedAt)),
            Stacks.seconds(watch.longestGapAfter(stoppedAt)),
            acknowledged.size(),
            load.failed());
      }
      assertThat(palm.health()).isEqualTo(200);
      PalmCommand.Result verify =
          Stacks.verify(kafka, registry, settings.topicPrefix(), PACK, palm.trustedKey());
      assertThat(verify.exitCode()).as(verify.output()).isZero();
      assertThat(verify.output()).contains("INTACT");
    } finally {
      Docker.removeVolume(settings.volume());
    }
  }
}
