package dev.palm.audit;

import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.registry.AuditRecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Appends records to a pack's hash chain: assigns sequence and {@code prev_hash} and computes
 * {@code hash} over the canonical encoding specified in {@code docs/audit-format.md}.
 *
 * <p>Canonical encoding: the Avro binary encoding (Avro specification 1.12, "Binary Encoding") of
 * the record under the {@code AuditRecord} schema, with {@code hash} replaced by the empty string.
 * The schema has no maps, so the encoding is unique for a given record. {@code hash =
 * lowercase-hex(H(canonical bytes))}.
 */
public final class AuditChain {

  private final IntegrityAlgorithm algorithm;

  /**
   * A chain hashing with {@code algorithm}.
   *
   * @throws UnsupportedOperationException for {@link IntegrityAlgorithm#BLAKE3}, which the JDK
   *     cannot compute
   */
  public AuditChain(IntegrityAlgorithm algorithm) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    Digests.newDigest(algorithm); // fail now, not at the first append
  }

  /**
   * A chain for a pack, failing with an error that names the pack if its algorithm is unsupported.
   *
   * @throws UnsupportedOperationException naming the pack when it asks for BLAKE3
   */
  public static AuditChain forPack(String pack, IntegrityAlgorithm algorithm) {
    Digests.requireSupported(pack, algorithm);
    return new AuditChain(algorithm);
  }

  /** The algorithm this chain hashes with. */
  public IntegrityAlgorithm algorithm() {
    return algorithm;
  }

  /** The head of an empty chain with this algorithm. */
  public ChainHead genesis() {
    return ChainHead.genesis(algorithm);
  }

  /**
   * A builder for a draft record with the chain fields ({@code sequence}, {@code prev_hash}, {@code
   * hash}, {@code algorithm}) pre-filled with placeholders, so callers only set the content fields
   * before {@link #append}.
   */
  public static AuditRecord.Builder draft() {
    return AuditRecord.newBuilder().setSequence(0L).setPrevHash("").setHash("").setAlgorithm("");
  }

  /**
   * Returns a copy of {@code draft} appended at {@code head}: {@code sequence =
   * head.nextSequence()}, {@code prev_hash = head.lastHash()}, {@code algorithm} = this chain's
   * algorithm, {@code recorded_at} truncated to milliseconds (what the encoding keeps), {@code
   * details} sorted by key, and {@code hash}. Advance the head with {@link
   * ChainHead#next(AuditRecord)}.
   *
   * @throws IllegalArgumentException if the head's hash has the wrong length for this algorithm or
   *     the details contain a key twice
   */
  public AuditRecord append(ChainHead head, AuditRecord draft) {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(draft, "draft");
    int hexLength = Digests.digestLength(algorithm) * 2;
    if (head.lastHash().length() != hexLength) {
      throw new IllegalArgumentException(
          "chain head hash of pack '"
              + draft.getPack()
              + "' has "
              + head.lastHash().length()
              + " hex digits but "
              + Digests.wireName(algorithm)
              + " needs "
              + hexLength
              + "; was the pack's integrity_algorithm changed mid-chain?");
    }
    // A shallow copy, then the chain fields: the generated builder would deep-copy every nested
    // list and record of the draft, once per appended record (docs/benchmarks.md).
    AuditRecord unhashed = shallowCopy(draft);
    unhashed.setSequence(head.nextSequence());
    unhashed.setPrevHash(head.lastHash());
    unhashed.setAlgorithm(Digests.wireName(algorithm));
    unhashed.setHash("");
    unhashed.setDetails(sortedDetails(draft));
    Instant recordedAt = draft.getRecordedAt();
    if (recordedAt != null) {
      unhashed.setRecordedAt(recordedAt.truncatedTo(ChronoUnit.MILLIS));
    }
    unhashed.setHash(Digests.hexDigest(algorithm, encode(unhashed)));
    return unhashed;
  }

  /**
   * The canonical bytes of a record: its Avro binary encoding with {@code hash} set to the empty
   * string. The record itself is not modified.
   */
  public static byte[] canonicalBytes(AuditRecord record) {
    if (record.getHash() != null && record.getHash().isEmpty()) {
      return encode(record);
    }
    AuditRecord copy = shallowCopy(record);
    copy.setHash("");
    return encode(copy);
  }

  /**
   * The canonical bytes of a record as its writer wrote it (docs/audit-format.md §3): {@code avro}
   * is the record's Avro binary encoding under {@code writer} (the schema its wire-format id
   * names); the result is the same record re-encoded under that same schema with {@code hash} set
   * to the empty string. So a record written under another schema version than this library's is
   * hashed as its writer hashed it.
   *
   * @throws IllegalArgumentException when the bytes are no record of {@code writer}, or the schema
   *     has no string field {@code hash}
   */
  public static byte[] canonicalBytes(byte[] avro, int offset, int length, Schema writer) {
    return WriterEncoding.withEmptyString(avro, offset, length, writer, "hash");
  }

  /**
   * Recomputes a record's hash with the algorithm named in its own {@code algorithm} field.
   *
   * @throws IllegalArgumentException if the algorithm field is not sha256, sha384 or sha512
   * @throws UnsupportedOperationException if it names blake3
   */
  public static String computeHash(AuditRecord record) {
    return computeHash(record, Digests.fromWireName(record.getAlgorithm()));
  }

  /**
   * Recomputes a record's hash with the given algorithm, ignoring its {@code algorithm} field's
   * value.
   */
  public static String computeHash(AuditRecord record, IntegrityAlgorithm algorithm) {
    return Digests.hexDigest(algorithm, canonicalBytes(record));
  }

  /**
   * A field-by-field copy sharing the nested values: the generated builder would deep-copy every
   * nested list and record per call.
   */
  private static AuditRecord shallowCopy(AuditRecord record) {
    AuditRecord copy = new AuditRecord();
    for (int i = 0; i < FIELD_COUNT; i++) {
      copy.put(i, record.get(i));
    }
    return copy;
  }

  private static final int FIELD_COUNT = AuditRecord.getClassSchema().getFields().size();

  private static List<AuditDetail> sortedDetails(AuditRecord draft) {
    List<AuditDetail> details =
        new ArrayList<>(draft.getDetails() == null ? List.of() : draft.getDetails());
    details.sort(Comparator.comparing(AuditDetail::getKey));
    for (int i = 1; i < details.size(); i++) {
      if (details.get(i).getKey().equals(details.get(i - 1).getKey())) {
        throw new IllegalArgumentException(
            "audit record of pack '"
                + draft.getPack()
                + "' has detail key '"
                + details.get(i).getKey()
                + "' twice; detail keys must be unique");
      }
    }
    return details;
  }

  private static byte[] encode(AuditRecord record) {
    Encoding encoding = ENCODING.get();
    encoding.out.reset();
    try {
      WRITER.write(record, encoding.encoder);
      encoding.encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode audit record " + record.getSequence(), e);
    }
    return encoding.out.toByteArray();
  }

  /**
   * Stateless, so shared; field by field for this schema's layout (the generic writer otherwise).
   */
  private static final DatumWriter<AuditRecord> WRITER =
      AuditRecordWriter.forSchema(AuditRecord.getClassSchema());

  /** Per-thread buffer and encoder, reused record after record instead of allocated for each. */
  private static final ThreadLocal<Encoding> ENCODING = ThreadLocal.withInitial(Encoding::new);

  private static final class Encoding {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
  }
}
