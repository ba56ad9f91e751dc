package dev.palm.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.client.ClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks the container tests share: exactly one decision per operation, the chain verifies. */
final class Stacks {

  private Stacks() {}

  static ClientConfig client(KafkaNode kafka, RegistryNode registry, String prefix) {
    return ClientConfig.of(kafka.bootstrapServers(), registry.url()).withTopicPrefix(prefix);
  }

  /**
   * Every acknowledged operation got exactly one decision, and no operation (acknowledged or not)
   * got two.
   */
  static void assertExactlyOneDecisionEach(DecisionWatch watch, Set<String> acknowledged)
      throws InterruptedException {
    assertThat(watch.awaitAll(acknowledged, Duration.ofSeconds(120)))
        .as("every acknowledged operation is decided")
        .isTrue();
    Thread.sleep(2_000); // a duplicate would come right after the original
    Map<String, Integer> counts = watch.counts();
    Map<String, Integer> twice =
        counts.entrySet().stream()
            .filter(e -> e.getValue() != 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(twice).as("operations decided more than once").isEmpty();
    assertThat(watch.unreadable()).as("unreadable decision records").isZero();
  }

  /**
   * A {@code palm} command in a container of the PALM image, connected to {@code kafka} and {@code
   * registry} with the test's topic prefix.
   */
  static PalmCommand.Result palm(
      KafkaNode kafka, RegistryNode registry, String prefix, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--registry-url",
            registry.url(),
            "--topic-prefix",
            prefix));
    return PalmCommand.run(args.toArray(String[]::new));
  }

  /** {@code palm audit verify} in a container of the PALM image, pinned to the pipeline's key. */
  static PalmCommand.Result verify(
      KafkaNode kafka, RegistryNode registry, String prefix, String pack, String trustedKey) {
    return palm(
        kafka, registry, prefix, "audit", "verify", "--pack", pack, "--trusted-key", trustedKey);
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
