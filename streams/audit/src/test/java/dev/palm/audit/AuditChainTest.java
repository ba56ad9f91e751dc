package dev.palm.audit;

import static dev.palm.audit.AuditFixtures.chain;
import static dev.palm.audit.AuditFixtures.detail;
import static dev.palm.audit.AuditFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import dev.palm.packs.IntegrityAlgorithm;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditChainTest {

  @ParameterizedTest
  @EnumSource(
      value = IntegrityAlgorithm.class,
      names = {"SHA256", "SHA384", "SHA512"})
  void appendsAGaplessLinkedChainThatVerifies(IntegrityAlgorithm algorithm) {
    List<AuditRecord> records = chain(algorithm, "ibank", 25);

    int hexLength = Digests.digestLength(algorithm) * 2;
    assertThat(records.get(0).getPrevHash()).isEqualTo("0".repeat(hexLength));
    for (int i = 0; i < records.size(); i++) {
      AuditRecord record = records.get(i);
      assertThat(record.getSequence()).isEqualTo(i);
      assertThat(record.getAlgorithm()).isEqualTo(algorithm.name().toLowerCase());
      assertThat(record.getHash()).hasSize(hexLength).matches("[0-9a-f]+");
      assertThat(AuditChain.computeHash(record)).isEqualTo(record.getHash());
      if (i > 0) {
        assertThat(record.getPrevHash()).isEqualTo(records.get(i - 1).getHash());
      }
    }

    VerificationResult result = ChainVerifier.verify(records);
    assertThat(result.status()).isEqualTo(VerificationResult.Status.INTACT);
    assertThat(result.recordsChecked()).isEqualTo(25);
    assertThat(result.firstSequence()).hasValue(0);
    assertThat(result.lastSequence()).hasValue(24);
    assertThat(result.headHash()).contains(records.get(24).getHash());
    assertThat(result.firstBadSequence()).isEmpty();
    assertThat(result.message()).contains("0..24").contains("intact");
  }

  @Test
  void hashIsTheDigestOfTheAvroBinaryEncodingWithAnEmptyHashField() throws Exception {
    AuditRecord record = chain(IntegrityAlgorithm.SHA384, "finalverse", 3).get(2);

    AuditRecord blank = AuditRecord.newBuilder(record).setHash("").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(AuditRecord.class).write(blank, encoder);
    encoder.flush();

    assertThat(AuditChain.canonicalBytes(record)).isEqualTo(out.toByteArray());
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384").digest(out.toByteArray()));
    assertThat(record.getHash()).isEqualTo(expected);
    // canonicalBytes leaves the record alone.
    assertThat(record.getHash()).isNotEmpty();
  }

  @Test
  void recordSurvivesAnAvroRoundTripWithItsHashIntact() throws Exception {
    AuditRecord record =
        new AuditChain(IntegrityAlgorithm.SHA256)
            .append(
                ChainHead.genesis(IntegrityAlgorithm.SHA256),
                AuditRecord.newBuilder(draft("ibank", 1))
                    .setRecordedAt(Instant.parse("2026-01-01T00:00:00.123456789Z"))
                    .build());
    assertThat(record.getRecordedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(AuditRecord.class).write(record, encoder);
    encoder.flush();
    AuditRecord read =
        new SpecificDatumReader<>(AuditRecord.class)
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

    assertThat(read).isEqualTo(record);
    assertThat(AuditChain.computeHash(read)).isEqualTo(record.getHash());
  }

  @Test
  void appendSortsDetailsByKeyAndRejectsDuplicateKeys() {
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA256);
    AuditRecord appended =
        chain.append(
            chain.genesis(),
            AuditRecord.newBuilder(draft("ibank", 0))
                .setDetails(List.of(detail("zeta", "1"), detail("alpha", "2"), detail("mid", "3")))
                .build());
    assertThat(appended.getDetails())
        .extracting(AuditDetail::getKey)
        .containsExactly("alpha", "mid", "zeta");

    AuditRecord duplicate =
        AuditRecord.newBuilder(draft("ibank", 0))
            .setDetails(List.of(detail("a", "1"), detail("a", "2")))
            .build();
    assertThatThrownBy(() -> chain.append(chain.genesis(), duplicate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' twice");
  }

  @Test
  void appendOverwritesPlaceholdersAndDoesNotModifyTheDraft() {
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA512);
    AuditRecord draft =
        AuditRecord.newBuilder(draft("ibank", 0))
            .setSequence(99L)
            .setPrevHash("bogus")
            .setHash("bogus")
            .setAlgorithm("md5")
            .build();
    ChainHead head = new ChainHead(7, "ab".repeat(64));

    AuditRecord appended = chain.append(head, draft);

    assertThat(appended.getSequence()).isEqualTo(7);
    assertThat(appended.getPrevHash()).isEqualTo("ab".repeat(64));
    assertThat(appended.getAlgorithm()).isEqualTo("sha512");
    assertThat(draft.getSequence()).isEqualTo(99);
    assertThat(draft.getHash()).isEqualTo("bogus");
    assertThat(head.next(appended)).isEqualTo(new ChainHead(8, appended.getHash()));
  }

  @Test
  void headRejectsRecordsThatWereNotAppendedToIt() {
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA256);
    ChainHead genesis = chain.genesis();
    AuditRecord first = chain.append(genesis, draft("ibank", 0));
    ChainHead afterFirst = genesis.next(first);

    assertThatThrownBy(() -> afterFirst.next(first))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence 0")
        .hasMessageContaining("expects 1");
    AuditRecord forked = chain.append(new ChainHead(1, "0".repeat(64)), draft("ibank", 1));
    assertThatThrownBy(() -> afterFirst.next(forked))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("links to");
    assertThatThrownBy(
            () -> chain.append(ChainHead.genesis(IntegrityAlgorithm.SHA512), draft("ibank", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("128 hex digits");
    assertThat(ChainHead.after(first)).isEqualTo(afterFirst);
  }

  @Test
  void chainHeadBinaryFormRoundTrips() {
    ChainHead head = new ChainHead(123_456_789_012L, "0f".repeat(48));
    assertThat(ChainHead.fromBytes(head.toBytes())).isEqualTo(head);
    assertThatThrownBy(() -> ChainHead.fromBytes(new byte[3]))
        .hasMessageContaining("corrupt chain head");
  }

  @Test
  void blake3IsRejectedWithAMessageNamingThePackAndTheChoices() {
    assertThatThrownBy(() -> AuditChain.forPack("mapleverse", IntegrityAlgorithm.BLAKE3))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("mapleverse")
        .hasMessageContaining("blake3")
        .hasMessageContaining("sha256, sha384 or sha512");
    assertThatThrownBy(() -> new AuditChain(IntegrityAlgorithm.BLAKE3))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("sha256, sha384 or sha512");
  }

  @Test
  void computeHashRejectsUnknownAlgorithmNames() {
    AuditRecord record =
        AuditRecord.newBuilder(chain(IntegrityAlgorithm.SHA256, "ibank", 1).get(0))
            .setAlgorithm("md5")
            .build();
    assertThatThrownBy(() -> AuditChain.computeHash(record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'md5'");
  }

  @Test
  void theAlgorithmFieldIsPartOfTheHashedBytes() {
    AuditRecord record = chain(IntegrityAlgorithm.SHA256, "ibank", 1).get(0);
    AuditRecord relabelled = AuditRecord.newBuilder(record).setAlgorithm("sha384").build();
    assertThat(AuditChain.canonicalBytes(relabelled))
        .isNotEqualTo(AuditChain.canonicalBytes(record));
    assertThat(AuditChain.computeHash(relabelled, IntegrityAlgorithm.SHA256))
        .isNotEqualTo(record.getHash());
  }
}
