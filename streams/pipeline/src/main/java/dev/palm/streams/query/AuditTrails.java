package dev.palm.streams.query;

import dev.palm.audit.ChainVerifier;
import dev.palm.audit.CheckpointVerifier;
import dev.palm.audit.VerificationResult;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.clients.KafkaClientProperties;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads packs' audit and checkpoint topics from the beginning, as committed (read_committed), and
 * verifies each audit chain from genesis with {@link ChainVerifier}: what the summary of {@code
 * palm run} reports and what the integration tests check. Memory use does not grow with the topic,
 * except for the records a caller asks to keep.
 */
public final class AuditTrails {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> clientProperties;
  private final PalmSerdes serdes;
  private final TopicLayout layout;
  private final Duration timeout;

  /**
   * @param clientProperties Kafka client properties (bootstrap servers, SASL/TLS)
   * @param serdes serdes of the pipeline's registry
   * @param layout topic names
   * @param timeout how long reading one topic to its end may take
   */
  public AuditTrails(
      Map<String, Object> clientProperties,
      PalmSerdes serdes,
      TopicLayout layout,
      Duration timeout) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * What one pack's audit trail holds and whether it verifies.
   *
   * @param pack the pack
   * @param records audit records read (committed ones)
   * @param verification the chain verification from genesis
   * @param byEventType records per event type
   * @param kept the records the caller asked to keep, in offset order
   * @param checkpoints checkpoints read
   * @param checkpointsSigned checkpoints whose signature verifies against their embedded public key
   */
  public record PackAudit(
      String pack,
      long records,
      VerificationResult verification,
      Map<AuditEventType, Long> byEventType,
      List<AuditRecord> kept,
      long checkpoints,
      long checkpointsSigned) {

    /** Copies the collections. */
    public PackAudit {
      byEventType = Map.copyOf(byEventType);
      kept = List.copyOf(kept);
    }

    /** Whether the chain is intact and every checkpoint's signature verifies. */
    public boolean verified() {
      return verification.intact() && checkpointsSigned == checkpoints;
    }
  }

  /**
   * Reads and verifies the audit trail of {@code pack}, keeping the records {@code keep} accepts.
   */
  public PackAudit read(PlatformPack pack, Predicate<AuditRecord> keep) {
    String name = pack.metadata().name();
    ChainVerifier verifier =
        ChainVerifier.fromGenesis()
            .expectingPack(name)
            .expectingAlgorithm(pack.stateConfig().serialization().integrityAlgorithm());
    Map<AuditEventType, Long> byType = new EnumMap<>(AuditEventType.class);
    List<AuditRecord> kept = new ArrayList<>();
    long[] count = {0};
    Deserializer<AuditRecord> auditDeserializer = serdes.valueDeserializer(AuditRecord.class);
    try (auditDeserializer) {
      readAll(
          layout.audit(name).name(),
          (position, value) -> {
            count[0]++;
            AuditRecord record;
            try {
              record = auditDeserializer.deserialize(layout.audit(name).name(), value);
            } catch (RuntimeException e) {
              verifier.unreadable(position, e.getMessage());
              return;
            }
            verifier.accept(record);
            byType.merge(record.getEventType(), 1L, Long::sum);
            if (keep.test(record)) {
              kept.add(record);
            }
          });
    }
    long[] checkpoints = {0, 0};
    Deserializer<Checkpoint> checkpointDeserializer = serdes.valueDeserializer(Checkpoint.class);
    try (checkpointDeserializer) {
      readAll(
          layout.checkpoints(name).name(),
          (position, value) -> {
            checkpoints[0]++;
            try {
              Checkpoint checkpoint =
                  checkpointDeserializer.deserialize(layout.checkpoints(name).name(), value);
              if (CheckpointVerifier.signatureValid(checkpoint)) {
                checkpoints[1]++;
              }
            } catch (RuntimeException e) {
              // an unreadable checkpoint counts as read but not as signed
            }
          });
    }
    return new PackAudit(
        name, count[0], verifier.result(), byType, kept, checkpoints[0], checkpoints[1]);
  }

  /** Reads and verifies every pack's trail. */
  public List<PackAudit> readAll(List<? extends PlatformPack> packs, Predicate<AuditRecord> keep) {
    return packs.stream().map(p -> read(p, keep)).toList();
  }

  /**
   * Feeds every committed value of {@code topic} (partition by partition, in offset order) to
   * {@code sink}.
   */
  private void readAll(String topic, BiConsumer<String, byte[]> sink) {
    Map<String, Object> props = KafkaClientProperties.assignedReader(clientProperties);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return; // the topic does not exist (yet): nothing to read
      }
      // one partition at a time, so records arrive in offset order whatever the partition count
      for (PartitionInfo info :
          infos.stream().sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList()) {
        TopicPartition tp = new TopicPartition(topic, info.partition());
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(tp, timeout) < end) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Reading "
                    + tp
                    + " up to offset "
                    + end
                    + " did not finish"
                    + " within "
                    + timeout.toSeconds()
                    + " s (at offset "
                    + consumer.position(tp)
                    + ")");
          }
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
            sink.accept(r.topic() + "-" + r.partition() + "@" + r.offset(), r.value());
          }
        }
      }
    }
  }
}
