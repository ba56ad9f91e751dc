package dev.palm.client;

import dev.palm.audit.ChainVerifier;
import dev.palm.audit.CheckpointVerifier;
import dev.palm.audit.OffsetLedger;
import dev.palm.audit.VerificationResult;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.registry.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/**
 * Reads a pack's audit trail ({@code palm.<pack>.audit}) for a time range without scanning from the
 * beginning: the read starts at the offset {@code offsetsForTimes} gives for the range's start and
 * stops after its end. Records are filtered by deployment, operation, actor and event type, and the
 * hash chain is verified over every record read (with {@link ChainVerifier}), so undecodable,
 * altered, missing or reordered records are reported with the first bad sequence. Reads only
 * committed records.
 *
 * <p>A read that starts at sequence 0 is verified from the genesis hash; one that starts mid-chain
 * trusts its first record's {@code prev_hash} (and says so in the summary's notes).
 */
public final class AuditReader {

  private static final int PROGRESS_EVERY = 500;

  private final ClientConfig config;

  public AuditReader(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The records that match the query, in chain order.
   *
   * @throws UnknownPackException when the pack has no audit topic
   */
  public List<AuditEntry> query(AuditQuery query) {
    List<AuditEntry> entries = new ArrayList<>();
    read(query, entries::add, ReadProgress.NONE);
    return List.copyOf(entries);
  }

  /**
   * Hands every record that matches the query to {@code sink}, in chain order, verifying the chain
   * over every record read.
   *
   * @throws UnknownPackException when the pack has no audit topic
   */
  public AuditReadSummary read(AuditQuery query, Consumer<AuditEntry> sink, ReadProgress progress) {
    return run(query, sink, CheckpointPolicy.none(), progress, null);
  }

  /**
   * Hands {@code sink} the contiguous stretch of the chain over the query's time range, as an
   * export: when the pack's checkpoints bind offsets, the stretch is made of whole checkpoint
   * ranges (it starts at the first range that begins inside the read and runs past the range's end
   * to the end of the range holding its end), each checkpoint is handed to {@code checkpoints}
   * before the records of its range, and records no checkpoint covers yet, or that a checkpoint
   * lists as foreign, are left out (notes say how many). Without such checkpoints, the stretch runs
   * from the first to the last record recorded in the range, including any record in between whose
   * clock-based {@code recorded_at} falls outside it. The query must have no filters.
   *
   * @throws IllegalArgumentException when the query has filters (an export must be a verifiable
   *     stretch)
   * @throws UnknownPackException when the pack has no audit topic
   */
  public AuditReadSummary export(
      AuditQuery query,
      Consumer<AuditEntry> sink,
      Consumer<ExportedCheckpoint> checkpoints,
      ReadProgress progress) {
    if (query.hasFilters()) {
      throw new IllegalArgumentException(
          "An export takes every record of the time range so that it can be verified; drop the filters"
              + " (deployment, operation, actor, event type) or use a query instead");
    }
    Objects.requireNonNull(checkpoints, "checkpoints");
    return run(query, sink, CheckpointPolicy.embeddedKeys(), progress, checkpoints);
  }

  /**
   * A checkpoint as an export carries it: decoded, and as the Avro bytes its writer wrote with that
   * writer schema, which is what its signature covers (docs/audit-format.md §6).
   *
   * @param checkpoint the checkpoint
   * @param avro its Avro binary encoding under {@code writerSchema} (no wire-format header)
   * @param writerSchema the schema it was written with
   */
  public record ExportedCheckpoint(Checkpoint checkpoint, byte[] avro, Schema writerSchema) {
    public ExportedCheckpoint {
      Objects.requireNonNull(checkpoint, "checkpoint");
      avro = avro.clone();
      Objects.requireNonNull(writerSchema, "writerSchema");
    }

    @Override
    public byte[] avro() {
      return avro.clone();
    }
  }

  /**
   * Verifies the chain over the query's time range (its filters are ignored: every record counts)
   * and, when {@code checkpoints} asks for it, the signed checkpoints of that range.
   *
   * @throws UnknownPackException when the pack has no audit topic
   */
  public AuditReadSummary verify(
      AuditQuery query, CheckpointPolicy checkpoints, ReadProgress progress) {
    return run(query, entry -> {}, checkpoints, progress, null);
  }

  private AuditReadSummary run(
      AuditQuery query,
      Consumer<AuditEntry> sink,
      CheckpointPolicy policy,
      ReadProgress progress,
      Consumer<ExportedCheckpoint> exportedCheckpoints) {
    boolean contiguous = exportedCheckpoints != null;
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(progress, "progress");
    String pack = query.pack();
    StartPosition start =
        query
            .from()
            .map(f -> StartPosition.at(f.minus(query.timestampSkew())))
            .orElse(StartPosition.beginning());
    Optional<Instant> stopAfter = query.to().map(t -> t.plus(query.timestampSkew()));
    List<String> notes = new ArrayList<>();

    // Checkpoints are opened first: their end offsets must not be newer than the audit records' end
    // offsets,
    // or a checkpoint could cover records this read does not see.
    CheckpointFeed checkpoints =
        CheckpointFeed.open(config, pack, start, policy, notes, exportedCheckpoints);
    // an export of whole signed ranges, when the pack's checkpoints bind offsets
    boolean byRanges = contiguous && checkpoints.firstBindsOffsets();
    try (checkpoints;
        TopicReader<AuditRecord> reader =
            TopicReader.open(config, config.layout().audit(pack), start, "audit")) {
      ChainCheck chain = new ChainCheck(pack);
      WriterCanonical canonical = new WriterCanonical(config.serdes().client());
      long total = reader.recordsToSnapshotEnd();
      long[] counts = new long[3]; // read, matched, unreadable
      List<AuditEntry> held =
          new ArrayList<>(); // contiguous mode: out-of-range records after the first match
      ForeignRecords foreign = new ForeignRecords();
      TailCount tail = new TailCount();
      long[] left = new long[2]; // export by ranges: before the first whole range, not yet signed
      progress.update(0, total);
      reader.readToSnapshotEnd(
          item -> {
            if (byRanges) {
              checkpoints.startExportAt(item.offset());
              checkpoints.feedUpTo(
                  item.offset(),
                  item instanceof TopicReader.Value<AuditRecord> v
                      ? v.value().getSequence()
                      : Long.MIN_VALUE);
            }
            if (stopAfter.isPresent()
                && item.timestamp().isAfter(stopAfter.get())
                && !(byRanges && checkpoints.insideLastRange(item.partition(), item.offset()))) {
              reader.stop(item.partition()); // past the range: this partition is done
              return true;
            }
            counts[0]++;
            if (item instanceof TopicReader.Value<AuditRecord> value) {
              AuditRecord record = value.value();
              checkpoints.feedUpTo(value.offset(), record.getSequence());
              OffsetLedger.Standing standing =
                  checkpoints.standing(value.partition(), value.offset());
              if (standing == OffsetLedger.Standing.FOREIGN) {
                foreign.add(checkpoints, item, "claims sequence " + record.getSequence());
              } else {
                if (standing == OffsetLedger.Standing.TAIL) {
                  tail.add(value.timestamp());
                }
                checkpoints.record(record);
                chain.record(record, canonical.of(value.topic(), value.bytes()));
                AuditEntry entry =
                    new AuditEntry(
                        record,
                        value.topic(),
                        value.partition(),
                        value.offset(),
                        value.timestamp());
                if (byRanges) {
                  if (standing == OffsetLedger.Standing.TAIL) {
                    left[1]++;
                  } else if (standing == OffsetLedger.Standing.ACCOUNTED
                      && checkpoints.inExportedRange()) {
                    counts[1]++;
                    sink.accept(entry);
                  } else {
                    left[0]++;
                  }
                } else if (query.matches(record)) {
                  held.forEach(sink);
                  counts[1] += held.size() + 1;
                  held.clear();
                  sink.accept(entry);
                } else if (contiguous && counts[1] > 0) {
                  held.add(entry);
                }
              }
            } else if (item instanceof TopicReader.Unreadable<AuditRecord> bad) {
              checkpoints.feedUpTo(bad.offset(), Long.MIN_VALUE);
              if (checkpoints.standing(bad.partition(), bad.offset())
                  == OffsetLedger.Standing.FOREIGN) {
                foreign.add(checkpoints, item, "undecodable: " + bad.reason());
              } else {
                counts[2]++;
                chain.unreadable(bad.position(), bad.reason());
              }
            }
            if (counts[0] % PROGRESS_EVERY == 0) {
              progress.update(counts[0], total);
            }
            return true;
          });
      progress.update(counts[0], Math.max(total, counts[0]));
      boolean readToEnd = query.to().isEmpty();
      chain.describe(query, notes);
      if (left[0] > 0) {
        notes.add(
            left[0]
                + " record(s) before the first checkpoint range that starts inside the read were"
                + " not exported: an export holds whole signed ranges");
      }
      if (left[1] > 0) {
        notes.add(
            left[1]
                + " record(s) after the last checkpoint were not exported: no signature covers them"
                + " yet; export again after the pipeline's next checkpoint");
      }
      if (contiguous && !byRanges) {
        notes.add(
            "the pack has no checkpoints that bind offsets: the export carries none, and only its"
                + " hash chain can be verified");
      }
      return new AuditReadSummary(
          pack,
          counts[0],
          counts[1],
          counts[2],
          chain.result(),
          checkpoints.result(readToEnd),
          checkpoints.unreadable(),
          notes,
          headMissing(query, chain.result()),
          foreign.described,
          foreign.count,
          tail.result());
    }
  }

  /**
   * The foreign records read: counted, the first {@link AuditReadSummary#FOREIGN_LISTED} described.
   */
  private static final class ForeignRecords {
    private final List<String> described = new ArrayList<>();
    private long count;

    void add(CheckpointFeed checkpoints, TopicReader.Item<AuditRecord> item, String what) {
      count++;
      if (described.size() < AuditReadSummary.FOREIGN_LISTED) {
        described.add(
            item.topic()
                + "-"
                + item.partition()
                + "@"
                + item.offset()
                + " ("
                + what
                + "): "
                + checkpoints.foreignReason(item.offset()));
      }
    }
  }

  /** Records after the last checkpoint's offset range. */
  private static final class TailCount {
    private long records;
    private Instant oldest;

    void add(Instant timestamp) {
      records++;
      if (oldest == null || timestamp.isBefore(oldest)) {
        oldest = timestamp;
      }
    }

    AuditReadSummary.UnverifiedTail result() {
      return new AuditReadSummary.UnverifiedTail(records, Optional.ofNullable(oldest));
    }
  }

  /**
   * Why the trail lacks its head, when it does: the whole trail was read, the topic keeps records
   * forever, yet the oldest record is not sequence 0 (records were deleted, e.g. with
   * deleteRecords). A trail that expires records may start later; that is only a note.
   */
  private Optional<String> headMissing(AuditQuery query, VerificationResult result) {
    if (query.from().isPresent() || result.firstSequence().isEmpty()) {
      return Optional.empty();
    }
    long first = result.firstSequence().getAsLong();
    if (first == 0) {
      return Optional.empty();
    }
    String topic = config.layout().audit(query.pack()).name();
    if (!TopicRetention.infinite(config, topic).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(
        "topic "
            + topic
            + " keeps its records forever (retention.ms=-1), yet its oldest record is sequence "
            + first
            + ": records 0.."
            + (first - 1)
            + " were deleted");
  }

  /**
   * The chain verifier, created at the first record so that a read starting at sequence 0 checks
   * genesis.
   */
  private static final class ChainCheck {
    private final String pack;
    private ChainVerifier verifier;
    private boolean fromGenesis;

    ChainCheck(String pack) {
      this.pack = pack;
    }

    void record(AuditRecord record, byte[] canonical) {
      if (verifier == null) {
        fromGenesis = record.getSequence() == 0;
        verifier =
            (fromGenesis ? ChainVerifier.fromGenesis() : ChainVerifier.trustingFirst())
                .expectingPack(pack);
      }
      verifier.accept(record, canonical);
    }

    void unreadable(String position, String reason) {
      if (verifier == null) {
        verifier = ChainVerifier.trustingFirst().expectingPack(pack);
      }
      verifier.unreadable(position, reason);
    }

    VerificationResult result() {
      return verifier == null
          ? ChainVerifier.trustingFirst().expectingPack(pack).result()
          : verifier.result();
    }

    void describe(AuditQuery query, List<String> notes) {
      VerificationResult result = result();
      if (result.firstSequence().isEmpty()) {
        return;
      }
      if (!fromGenesis) {
        long first = result.firstSequence().getAsLong();
        notes.add(
            query.from().isPresent()
                ? "the range starts mid-chain at sequence "
                    + first
                    + "; its prev_hash is trusted (verify from the"
                    + " beginning to check it)"
                : "the oldest retained record is sequence "
                    + first
                    + " (older records are past retention or"
                    + " were deleted); its prev_hash is trusted");
      }
    }
  }

  /**
   * The pack's checkpoints merged into the record stream: before a record is fed, every checkpoint
   * whose range starts at or before it is fed, as {@link CheckpointVerifier} requires.
   */
  private static final class CheckpointFeed implements AutoCloseable {
    private final TopicReader<Checkpoint> reader;
    private final CheckpointVerifier verifier;
    private final List<String> notes;
    private final WriterCanonical canonical;
    private final OffsetLedger ledger = new OffsetLedger();
    private final Consumer<ExportedCheckpoint> exported;
    private final CheckpointPolicy policy;
    private TopicReader.Value<Checkpoint> lookahead;
    private long unreadable;
    private long exportFrom = -1;
    private Checkpoint last;

    private CheckpointFeed(
        TopicReader<Checkpoint> reader,
        CheckpointVerifier verifier,
        List<String> notes,
        WriterCanonical canonical,
        Consumer<ExportedCheckpoint> exported,
        CheckpointPolicy policy) {
      this.policy = policy;
      this.reader = reader;
      this.verifier = verifier;
      this.notes = notes;
      this.canonical = canonical;
      this.exported = exported;
    }

    /** Whether the first checkpoint of the read binds offsets (so an export can be by ranges). */
    boolean firstBindsOffsets() {
      if (reader == null) {
        return false;
      }
      TopicReader.Value<Checkpoint> first = peek();
      return first != null && first.value().getFirstOffset() >= 0;
    }

    /** Sets where an export starts: at the first range that begins at or after {@code offset}. */
    void startExportAt(long offset) {
      if (exportFrom < 0) {
        exportFrom = offset;
      }
    }

    /** Whether the last checkpoint fed is exported (its range begins inside the read). */
    boolean inExportedRange() {
      return last != null && exportFrom >= 0 && last.getFirstOffset() >= exportFrom;
    }

    /** Whether {@code offset} is inside the range of the last checkpoint fed. */
    boolean insideLastRange(int partition, long offset) {
      return last != null
          && last.getAuditPartition() == partition
          && offset >= last.getFirstOffset()
          && offset < last.getEndOffset();
    }

    static CheckpointFeed open(
        ClientConfig config,
        String pack,
        StartPosition start,
        CheckpointPolicy policy,
        List<String> notes,
        Consumer<ExportedCheckpoint> exported) {
      if (!policy.enabled()) {
        return new CheckpointFeed(null, null, notes, null, null, policy);
      }
      TopicReader<Checkpoint> reader;
      try {
        reader = TopicReader.open(config, config.layout().checkpoints(pack), start, "checkpoints");
      } catch (UnknownPackException e) {
        notes.add(
            "pack has no checkpoints topic ("
                + config.layout().checkpoints(pack).name()
                + "): checkpoints and signatures were not checked");
        return new CheckpointFeed(null, null, notes, null, null, policy);
      }
      CheckpointVerifier verifier = policy.newVerifier();
      if (policy.trustedKeys().isEmpty() && !policy.trustOnFirstUse() && exported == null) {
        notes.add(
            "checkpoint signatures were checked against the keys the checkpoints embed; give the"
                + " pipeline's public key to also prove who signed them");
      }
      return new CheckpointFeed(
          reader, verifier, notes, new WriterCanonical(config.serdes().client()), exported, policy);
    }

    /**
     * Feeds every checkpoint whose range starts at or before the record at {@code offset} (by
     * offset for checkpoints that bind offsets, else by {@code sequence}).
     */
    void feedUpTo(long offset, long sequence) {
      if (reader == null) {
        return;
      }
      while (true) {
        TopicReader.Value<Checkpoint> next = peek();
        if (next == null) {
          return;
        }
        Checkpoint checkpoint = next.value();
        boolean due =
            checkpoint.getFirstOffset() >= 0
                ? checkpoint.getFirstOffset() <= offset
                : checkpoint.getFirstSequence() <= sequence;
        if (!due) {
          return;
        }
        feed(next);
      }
    }

    private void feed(TopicReader.Value<Checkpoint> next) {
      byte[] signed;
      try {
        signed = canonical.ofCheckpoint(next.topic(), next.bytes());
      } catch (IllegalArgumentException e) {
        signed = new byte[0]; // not re-encodable under its writer schema: cannot verify
      }
      verifier.acceptCheckpoint(next.value(), signed);
      if (policy.mayList(next.value(), signed)) {
        ledger.accept(next.value());
      }
      last = next.value();
      lookahead = null;
      if (exported != null && exportFrom >= 0 && last.getFirstOffset() >= exportFrom) {
        byte[] framed = next.bytes();
        exported.accept(
            new ExportedCheckpoint(
                last,
                java.util.Arrays.copyOfRange(framed, WireFormat.HEADER_LENGTH, framed.length),
                canonical.writerSchema(next.topic(), framed)));
      }
    }

    /** Where the audit record at {@code offset} of {@code partition} stands. */
    OffsetLedger.Standing standing(int partition, long offset) {
      return ledger.standing(partition, offset);
    }

    /** Why the checkpoints call the record at {@code offset} foreign. */
    String foreignReason(long offset) {
      return ledger
          .listed(offset)
          .map(f -> f.getReason() + " (listed by a checkpoint)")
          .orElse("outside the partition that holds the chain");
    }

    void record(AuditRecord record) {
      if (verifier != null) {
        verifier.acceptRecord(record);
      }
    }

    private TopicReader.Value<Checkpoint> peek() {
      while (lookahead == null) {
        Optional<TopicReader.Item<Checkpoint>> item = reader.nextItem();
        if (item.isEmpty()) {
          return null;
        }
        if (item.get() instanceof TopicReader.Value<Checkpoint> value) {
          lookahead = value;
        } else if (item.get() instanceof TopicReader.Unreadable<Checkpoint> bad) {
          unreadable++;
          notes.add(
              "checkpoint record at " + bad.position() + " cannot be decoded: " + bad.reason());
        }
      }
      return lookahead;
    }

    Optional<dev.palm.audit.CheckpointVerification> result(boolean readToEnd) {
      if (verifier == null) {
        return Optional.empty();
      }
      if (readToEnd) {
        // Every record up to the end was read, so every remaining checkpoint's range must have been
        // seen.
        feedUpTo(Long.MAX_VALUE, Long.MAX_VALUE);
        verifier.recordsReadToEnd();
      }
      return Optional.of(verifier.result());
    }

    long unreadable() {
      return unreadable;
    }

    @Override
    public void close() {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
