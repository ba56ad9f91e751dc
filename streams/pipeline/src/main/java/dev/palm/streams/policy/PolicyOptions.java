package dev.palm.streams.policy;

import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.Keyring;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the policy topology that are not part of any pack.
 *
 * @param punctuationInterval how often (wall clock) the timers look for expired approvals,
 *     escalations and holds to auto-release; a timeout fires at the first punctuation at or after
 *     it
 * @param checkpointSigner when present, each pack's signed checkpoints are made in the topology (on
 *     its {@code state.checkpoint.interval_secs}) and written to its checkpoints topic
 * @param startupEvents system acts to record in the packs' audit chains once the pipeline runs
 *     (e.g. topic repairs done at start)
 * @param inputPartitions partitions of the input topics, to find the task that owns each pack (its
 *     records' partition under Kafka's default key partitioner)
 * @param keyring the actors' public keys trusted for accountability proofs in every pack (besides
 *     each pack's {@code extensions.actor_keys})
 * @param runtimeEvents system acts found while running (by the topic guard) that the policy records
 *     in the packs' chains
 */
public record PolicyOptions(
    Duration punctuationInterval,
    Optional<CheckpointSigner> checkpointSigner,
    List<SystemEvent> startupEvents,
    int inputPartitions,
    Keyring keyring,
    RuntimeEvents runtimeEvents) {

  public PolicyOptions {
    Objects.requireNonNull(punctuationInterval, "punctuationInterval");
    if (punctuationInterval.isNegative() || punctuationInterval.isZero()) {
      throw new IllegalArgumentException(
          "punctuationInterval must be positive, got " + punctuationInterval);
    }
    checkpointSigner = Objects.requireNonNullElse(checkpointSigner, Optional.empty());
    startupEvents = startupEvents == null ? List.of() : List.copyOf(startupEvents);
    keyring = Objects.requireNonNullElse(keyring, Keyring.EMPTY);
    runtimeEvents = Objects.requireNonNullElseGet(runtimeEvents, RuntimeEvents::new);
    if (inputPartitions < 1) {
      throw new IllegalArgumentException(
          "inputPartitions must be at least 1, got " + inputPartitions);
    }
  }

  /**
   * Timers every {@code punctuationInterval}, no checkpoints, no startup events, one input
   * partition.
   */
  public PolicyOptions(Duration punctuationInterval) {
    this(punctuationInterval, Optional.empty(), List.of(), 1, Keyring.EMPTY, new RuntimeEvents());
  }

  /** One-second timers, no checkpoints, no startup events, one input partition. */
  public static PolicyOptions defaults() {
    return new PolicyOptions(Duration.ofSeconds(1));
  }

  /** These options with checkpoints signed by {@code signer}. */
  public PolicyOptions withCheckpoints(CheckpointSigner signer) {
    return new PolicyOptions(
        punctuationInterval,
        Optional.of(signer),
        startupEvents,
        inputPartitions,
        keyring,
        runtimeEvents);
  }

  /** These options with {@code events} recorded at start. */
  public PolicyOptions withStartupEvents(List<SystemEvent> events) {
    return new PolicyOptions(
        punctuationInterval, checkpointSigner, events, inputPartitions, keyring, runtimeEvents);
  }

  /** These options for input topics with {@code partitions} partitions. */
  public PolicyOptions withInputPartitions(int partitions) {
    return new PolicyOptions(
        punctuationInterval, checkpointSigner, startupEvents, partitions, keyring, runtimeEvents);
  }

  /** These options trusting {@code keys} for accountability proofs. */
  public PolicyOptions withKeyring(Keyring keys) {
    return new PolicyOptions(
        punctuationInterval, checkpointSigner, startupEvents, inputPartitions, keys, runtimeEvents);
  }

  /** These options with {@code events} as the channel of system acts found while running. */
  public PolicyOptions withRuntimeEvents(RuntimeEvents events) {
    return new PolicyOptions(
        punctuationInterval, checkpointSigner, startupEvents, inputPartitions, keyring, events);
  }
}
