package dev.palm.streams.query;

import dev.palm.audit.AuditChain;
import dev.palm.audit.ChainVerifier;
import dev.palm.audit.VerificationResult;
import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.registry.WireFormat;
import dev.palm.streams.clients.KafkaClientProperties;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads audit records back from a pack's audit topic for the query API: by sequence number (for the
 * histories that the {@code palm-operation-audit} and {@code palm-deployment-audit} indexes list)
 * and whole (to verify the chain).
 *
 * <p><b>Finding a sequence without an offset index.</b> The topology cannot know the offset an
 * audit record will get (the broker assigns it when the transaction is written), and under
 * exactly-once the offsets of a chain are not its sequences: every commit adds a transaction
 * marker, and aborted attempts leave records that {@code read_committed} consumers skip. But within
 * the pack's partition, sequences grow with offsets. So a sequence is found by a binary search over
 * offsets: seek to the middle of the candidate range, read one batch (at most {@value #BATCH}
 * committed records), and keep the half that must contain the sequence; a batch that spans the
 * sequence without containing it proves it missing. Records decoded on the way are remembered for
 * the rest of the request, so the usually close-together sequences of one operation cost one or two
 * searches of about {@code log2(records / BATCH)} reads each. A record whose sequence is not found
 * (deleted by retention or by hand, or out of order because someone wrote into the topic) is
 * reported as missing, never guessed.
 *
 * <p>Consumers ({@code read_committed}, manually assigned, no group) are pooled between requests.
 */
final class AuditTopicReader implements AutoCloseable {

  /** Records read (and decoded) per probe. */
  static final int BATCH = 200;

  /**
   * How long to wait for audit records that the state already knows but whose transaction is still
   * open.
   */
  static final long COMMIT_WAIT_MS = 5_000;

  private static final int MAX_IDLE = 4;
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private final Map<String, Object> consumerProperties;
  private final PalmSerdes serdes;
  private final TopicLayout layout;
  private final Duration timeout;
  private final BlockingQueue<Session> idle = new LinkedBlockingQueue<>(MAX_IDLE);
  private volatile boolean closed;

  /**
   * @param kafkaProperties Kafka client properties (bootstrap servers, SASL/TLS)
   * @param serdes serdes of the pipeline's registry
   * @param layout the topic layout
   * @param timeout how long one read may wait for the broker
   */
  AuditTopicReader(
      Map<String, Object> kafkaProperties,
      PalmSerdes serdes,
      TopicLayout layout,
      Duration timeout) {
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    // Reads by assignment: no group, no commits, no topic created by asking for it.
    Map<String, Object> props = KafkaClientProperties.assignedReader(kafkaProperties);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH);
    this.consumerProperties = Map.copyOf(props);
  }

  /**
   * An audit record as stored.
   *
   * @param record the decoded record
   * @param topic its topic
   * @param partition its partition
   * @param offset its offset
   * @param timestamp its Kafka timestamp (epoch ms)
   */
  record StoredRecord(
      AuditRecord record, String topic, int partition, long offset, long timestamp) {}

  /**
   * The records found for a list of sequences.
   *
   * @param records the records found, in sequence order
   * @param missing the sequences not found in the topic
   */
  record Lookup(List<StoredRecord> records, List<Long> missing) {
    Lookup {
      records = List.copyOf(records);
      missing = List.copyOf(missing);
    }
  }

  /**
   * The verdict on a pack's retained audit trail.
   *
   * @param result the chain verifier's result
   * @param topic the audit topic
   * @param partition the pack's partition of it
   * @param startOffset the first offset still in the partition (greater than 0 after retention or
   *     deletion)
   * @param endOffset the last stable offset read up to (exclusive)
   * @param fromGenesis whether the chain was checked from genesis (true when the partition starts
   *     at offset 0)
   */
  record Verification(
      VerificationResult result,
      String topic,
      int partition,
      long startOffset,
      long endOffset,
      boolean fromGenesis) {}

  /**
   * The records of {@code pack} with the given sequences. The state stores can run ahead of the
   * audit topic by up to one commit interval (Kafka Streams shows a transaction's state before the
   * transaction commits), so sequences beyond the last committed record are waited for, up to
   * {@value #COMMIT_WAIT_MS} ms, before they are reported missing.
   */
  Lookup find(String pack, List<Long> sequences) {
    TreeSet<Long> wanted = new TreeSet<>(sequences);
    if (wanted.isEmpty()) {
      return new Lookup(List.of(), List.of());
    }
    Session session = borrow();
    try {
      TopicPartition tp = session.partitionOf(pack);
      long start = session.consumer.beginningOffsets(List.of(tp), timeout).get(tp);
      long end = session.consumer.endOffsets(List.of(tp), timeout).get(tp);
      TreeMap<Long, StoredRecord> seen = new TreeMap<>();
      TreeMap<Long, StoredRecord> found = new TreeMap<>();
      List<Long> missing = new ArrayList<>();
      List<Long> notYetCommitted = new ArrayList<>();
      long low = start;
      for (long sequence : wanted) {
        Search result = search(session, tp, sequence, low, end, seen);
        if (result.hit() != null) {
          found.put(sequence, result.hit());
          low = Math.max(low, result.hit().offset() + 1);
        } else if (result.beyondEnd()) {
          notYetCommitted.add(sequence);
        } else {
          missing.add(sequence);
        }
      }
      long deadline = System.nanoTime() + Math.min(timeout.toMillis(), COMMIT_WAIT_MS) * 1_000_000L;
      while (!notYetCommitted.isEmpty() && System.nanoTime() < deadline) {
        sleep(50);
        long newEnd = session.consumer.endOffsets(List.of(tp), timeout).get(tp);
        if (newEnd == end) {
          continue;
        }
        long from = end;
        end = newEnd;
        List<Long> still = new ArrayList<>();
        for (long sequence : notYetCommitted) {
          Search result = search(session, tp, sequence, Math.max(low, from), end, seen);
          if (result.hit() != null) {
            found.put(sequence, result.hit());
            low = Math.max(low, result.hit().offset() + 1);
          } else if (result.beyondEnd()) {
            still.add(sequence);
          } else {
            missing.add(sequence);
          }
        }
        notYetCommitted = still;
      }
      missing.addAll(notYetCommitted);
      missing.sort(null);
      release(session);
      return new Lookup(List.copyOf(found.values()), missing);
    } catch (RuntimeException e) {
      session.dispose();
      throw asFailure(e, "read the audit trail of pack '" + pack + "'");
    }
  }

  /**
   * Verifies everything the pack's audit partition retains, from genesis when nothing was deleted.
   */
  Verification verify(String pack, IntegrityAlgorithm algorithm) {
    Session session = borrow();
    try {
      TopicPartition tp = session.partitionOf(pack);
      long start = session.consumer.beginningOffsets(List.of(tp), timeout).get(tp);
      long end = session.consumer.endOffsets(List.of(tp), timeout).get(tp);
      boolean fromGenesis = start == 0;
      ChainVerifier verifier =
          (fromGenesis ? ChainVerifier.fromGenesis() : ChainVerifier.trustingFirst())
              .expectingPack(pack)
              .expectingAlgorithm(algorithm);
      session.consumer.seek(tp, start);
      long lastProgress = System.nanoTime();
      long position = start;
      while (position < end) {
        List<ConsumerRecord<String, byte[]>> batch =
            session.consumer.poll(Duration.ofMillis(100)).records(tp);
        for (ConsumerRecord<String, byte[]> raw : batch) {
          if (raw.offset() >= end) {
            break;
          }
          AuditRecord record;
          try {
            record = session.decode(raw);
          } catch (RuntimeException e) {
            verifier.unreadable(
                tp.topic() + "-" + tp.partition() + "@" + raw.offset(), e.getMessage());
            continue;
          }
          verifier.accept(record, writerCanonical(raw));
        }
        long now = session.consumer.position(tp, timeout);
        if (now != position) {
          position = now;
          lastProgress = System.nanoTime();
        }
        stallCheck(lastProgress, tp);
      }
      release(session);
      return new Verification(
          verifier.result(), tp.topic(), tp.partition(), start, end, fromGenesis);
    } catch (RuntimeException e) {
      session.dispose();
      throw asFailure(e, "verify the audit trail of pack '" + pack + "'");
    }
  }

  /**
   * Outcome of one search.
   *
   * @param hit the record, or null
   * @param beyondEnd when not found: every committed record in the range has a lower sequence
   */
  private record Search(StoredRecord hit, boolean beyondEnd) {}

  /** Binary search for {@code sequence} among the offsets [low, high); see the class comment. */
  private Search search(
      Session session,
      TopicPartition tp,
      long sequence,
      long low,
      long high,
      TreeMap<Long, StoredRecord> seen) {
    StoredRecord known = seen.get(sequence);
    if (known != null) {
      return new Search(known, false);
    }
    long lo = low;
    long hi = high;
    boolean everythingBelow = true;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      List<StoredRecord> batch = session.readFrom(tp, mid, hi, this::stallCheck);
      if (batch.isEmpty()) {
        hi = mid; // nothing readable in [mid, hi)
        continue;
      }
      batch.forEach(r -> seen.putIfAbsent(r.record().getSequence(), r));
      StoredRecord first = batch.get(0);
      StoredRecord last = batch.get(batch.size() - 1);
      for (StoredRecord r : batch) {
        if (r.record().getSequence() == sequence) {
          return new Search(r, false);
        }
      }
      if (last.record().getSequence() < sequence) {
        lo = last.offset() + 1;
      } else if (first.record().getSequence() > sequence) {
        hi = mid;
        everythingBelow = false;
      } else {
        return new Search(null, false); // the batch spans the sequence without holding it
      }
    }
    return new Search(null, everythingBelow);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw QueryFailure.unavailable("interrupted while reading the audit trail", e);
    }
  }

  private void stallCheck(long lastProgressNanos, TopicPartition tp) {
    if (System.nanoTime() - lastProgressNanos > timeout.toNanos()) {
      throw QueryFailure.unavailable(
          "no audit records arrived from "
              + tp
              + " for "
              + timeout.toSeconds()
              + " s; is the Kafka cluster reachable?",
          null);
    }
  }

  /** Kafka trouble (timeouts, lost connections) is a 503; anything else stays what it is. */
  private static RuntimeException asFailure(RuntimeException e, String what) {
    if (e instanceof KafkaException) {
      return QueryFailure.unavailable("Could not " + what + ": " + e.getMessage(), e);
    }
    return e;
  }

  private Session borrow() {
    if (closed) {
      throw QueryFailure.unavailable("the query API is shutting down", null);
    }
    Session session = idle.poll();
    return session != null ? session : new Session();
  }

  private void release(Session session) {
    if (closed || !idle.offer(session)) {
      session.dispose();
    }
  }

  @Override
  public void close() {
    closed = true;
    Session session;
    while ((session = idle.poll()) != null) {
      session.dispose();
    }
  }

  /** One pooled consumer with its own deserializer (neither is thread-safe). */
  private final class Session {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<AuditRecord> deserializer;

    Session() {
      Map<String, Object> props = new HashMap<>(consumerProperties);
      props.put(
          ConsumerConfig.CLIENT_ID_CONFIG, "palm-query-audit-" + CLIENT_IDS.incrementAndGet());
      this.consumer =
          new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      this.deserializer = serdes.valueDeserializer(AuditRecord.class);
    }

    /** The pack's partition of its audit topic: the pipeline writes with the pack as key. */
    TopicPartition partitionOf(String pack) {
      String topic = layout.audit(pack).name();
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
      if (partitions == null || partitions.isEmpty()) {
        throw QueryFailure.unavailable(
            "the audit topic "
                + topic
                + " of pack '"
                + pack
                + "' does not exist;"
                + " the pipeline creates it when it starts",
            null);
      }
      int partition =
          partitions.size() == 1
              ? 0
              : Utils.toPositive(Utils.murmur2(pack.getBytes(StandardCharsets.UTF_8)))
                  % partitions.size();
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      return tp;
    }

    /**
     * The first readable records at or after {@code from} and before {@code high}; empty if there
     * are none.
     */
    List<StoredRecord> readFrom(TopicPartition tp, long from, long high, StallCheck stall) {
      consumer.seek(tp, from);
      List<StoredRecord> out = new ArrayList<>();
      long lastProgress = System.nanoTime();
      long position = from;
      while (out.isEmpty() && position < high) {
        for (ConsumerRecord<String, byte[]> raw :
            consumer.poll(Duration.ofMillis(100)).records(tp)) {
          if (raw.offset() >= high) {
            break;
          }
          try {
            out.add(
                new StoredRecord(
                    decode(raw), raw.topic(), raw.partition(), raw.offset(), raw.timestamp()));
          } catch (RuntimeException e) {
            // An undecodable record has no sequence to steer by; the verify endpoint reports it.
          }
        }
        long now = consumer.position(tp, timeout);
        if (now != position) {
          // transaction markers and aborted records advance the position without records
          position = now;
          lastProgress = System.nanoTime();
        }
        stall.check(lastProgress, tp);
      }
      return out;
    }

    AuditRecord decode(ConsumerRecord<String, byte[]> raw) {
      if (raw.value() == null) {
        throw new IllegalArgumentException("the record has no value");
      }
      AuditRecord record = deserializer.deserialize(raw.topic(), raw.headers(), raw.value());
      if (record == null) {
        throw new IllegalArgumentException("the record decodes to nothing");
      }
      return record;
    }

    void dispose() {
      try {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
      } catch (RuntimeException e) {
        // closing is best effort; the broker drops the connection anyway
      }
      deserializer.close();
    }
  }

  @FunctionalInterface
  private interface StallCheck {
    void check(long lastProgressNanos, TopicPartition tp);
  }

  /**
   * The record's canonical bytes under its writer schema (docs/audit-format.md §3), or null when
   * the writer schema is this library's own (the decoded record then hashes the same).
   */
  private byte[] writerCanonical(ConsumerRecord<String, byte[]> raw) {
    Schema writer = serdes.client().schemaById(WireFormat.schemaId(raw.topic(), raw.value()));
    if (writer.equals(AuditRecord.getClassSchema())) {
      return null;
    }
    return AuditChain.canonicalBytes(
        raw.value(),
        WireFormat.HEADER_LENGTH,
        raw.value().length - WireFormat.HEADER_LENGTH,
        writer);
  }
}
