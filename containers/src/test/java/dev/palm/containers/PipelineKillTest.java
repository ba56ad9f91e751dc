package dev.palm.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.client.ClientConfig;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the pipeline's container under load, then a new container on the same state volume
 * with the same static member id: no operation is lost or decided twice, the chain verifies, and
 * the gap the kill leaves in the stream of decisions is printed (docs/containers.md quotes it).
 */
@Tag("integration")
@RequiresDocker
class PipelineKillTest {

  private static final String PACK = "mapleverse";

  @Test
  void aKilledPipelineIsReplacedAndEveryOperationIsDecidedExactlyOnce() throws Exception {
    KafkaNode kafka = SharedStack.kafka();
    RegistryNode registry = SharedStack.registry();
    PipelineNode.Settings settings = PipelineNode.Settings.unique("kill");
    ClientConfig config = Stacks.client(kafka, registry, settings.topicPrefix());
    PipelineNode first =
        new PipelineNode(kafka.bootstrapServers(), registry.url(), settings).start();
    PipelineNode second = null;
    try (DecisionWatch watch = new DecisionWatch(config, PACK);
        Load load = new Load(config, PACK, 50, "kill").start()) {
      watch.awaitTotal(150);
      String firstKey = first.trustedKey();

      long killedAt = System.nanoTime();
      first.kill();
      long newContainerAt = System.nanoTime();
      second = new PipelineNode(kafka.bootstrapServers(), registry.url(), settings).start();
      long runningAt = System.nanoTime();
      int before = watch.total();
      watch.awaitTotal(before + 150);
      Set<String> acknowledged = load.stop();

      Stacks.assertExactlyOneDecisionEach(watch, acknowledged);
      Duration gap = watch.longestGapAfter(killedAt - 1_000_000_000L);
      System.out.printf(
          "KILL RECOVERY: SIGKILL under %d ops/s; new container started after %.1f s, RUNNING %.1f s"
              + " after the kill; longest gap between decisions %.1f s; %d operations acknowledged,"
              + " each decided exactly once%n",
          50,
          Stacks.seconds(Duration.ofNanos(newContainerAt - killedAt)),
          Stacks.seconds(Duration.ofNanos(runningAt - killedAt)),
          Stacks.seconds(gap),
          acknowledged.size());

      PalmCommand.Result verify =
          Stacks.verify(kafka, registry, settings.topicPrefix(), PACK, second.trustedKey());
      assertThat(verify.exitCode()).as(verify.output()).isZero();
      assertThat(verify.output()).contains("INTACT");
      assertThat(second.trustedKey())
          .as("the restarted instance signs with the key of its state volume")
          .isEqualTo(firstKey);
    } finally {
      if (second != null) {
        second.close();
      }
      Docker.removeVolume(settings.volume());
    }
  }
}
